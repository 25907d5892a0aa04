/**
 * The sandbox's HTTP surface: turns a request under the API root into one
 * call of the sandbox library and its result (or ApiError) into a response.
 * Route files in `app/` only forward to `handleSandboxRequest`.
 *
 * @example
 *   // app/api/polis/[...path]/route.ts
 *   export const GET = (request, { params }) => handleSandboxRequest(request, (await params).path);
 */
import { authenticate, requirePermission, type Caller } from './access';
import { engineOf, openDatabase, type Db } from './db';
import { ApiError, notFound } from './errors';
import { createInteraction, deleteInteraction, patchResource, readEtag } from './interactions';
import { MAX_URL_LENGTH, readBody } from './limits';
import { takeRequest } from './rate-limit';
import { parseListQuery } from './list-query';
import { handleRevocationRequest, handleTokenRequest } from './oauth';
import { ENVELOPE_COLUMNS, findVisible, listResources, listResourcesJson, RESOURCES, toEnvelope, type Envelope, type ResourceName } from './resources';
import { settings } from '@/lib/settings';

// `no-transform`: the server does not gzip the sandbox's answers. Its clients are the dashboard
// beside it and tests on the same machine, where compressing a page of 1,000 interactions (1.5 MB)
// cost both sides more than the bytes it saved.
// A list page comes as bytes (see listResourcesJson); a string body is measured, then encoded.
const jsonText = (status: number, body: string | Buffer<ArrayBuffer> | null, headers: Record<string, string> = {}) =>
  new Response(typeof body === 'string' ? Buffer.from(body) : body, {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store, no-transform', ...headers },
  });

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => jsonText(status, status === 204 ? null : JSON.stringify(body), headers);

const withEtag = (object: Envelope) => ({ ETag: `"${object.meta.etag}"` });

function methodNotAllowed(method: string, path: string, allowed: string[]): never {
  throw new ApiError(405, 'method_not_allowed', `${method} is not supported on ${path}; use ${allowed.join(', ')}`, undefined, {
    Allow: allowed.join(', '),
  });
}

function readPermission(resource: ResourceName, caller: Caller) {
  const permission = RESOURCES[resource].read;
  if (permission) requirePermission(caller, permission);
}

async function handleV1(db: Db, request: Request, segments: string[], url: URL): Promise<Response> {
  const [resource, id, ...rest] = segments;
  const method = request.method;
  const path = `/v1/${segments.join('/')}`;
  if (!resource || !(resource in RESOURCES) || rest.length > 0) {
    throw new ApiError(404, 'not_found', `no such path ${path}`);
  }
  const name = resource as ResourceName;
  const definition = RESOURCES[name];
  const caller = await authenticate(db, request.headers.get('authorization'));
  await takeRequest(caller.tokenId);

  if (name === 'users' && id === 'me') {
    if (method !== 'GET') methodNotAllowed(method, path, ['GET']);
    return json(200, await describeCaller(db, caller));
  }

  if (id === undefined) {
    const allowed = name === 'interactions' ? ['GET', 'POST'] : ['GET'];
    if (method === 'GET') {
      readPermission(name, caller);
      const query = parseListQuery(url.searchParams, definition.attributes, engineOf(db));
      if (name === 'lists') {
        const { rows, total } = await listResources(db, definition, caller, query);
        const data = rows.map((row) => toEnvelope(name, row));
        await addContactCounts(db, caller, data);
        return json(200, { data, meta: { total } });
      }
      return jsonText(200, await listResourcesJson(db, definition, caller, query));
    }
    if (method === 'POST' && name === 'interactions') {
      requirePermission(caller, 'insert@interactions');
      const result = await createInteraction(db, caller, await readBody(request));
      // A replay of the same request answers exactly as the first one did.
      return json(201, result.contact, {
        ...withEtag(result.contact),
        Location: `${url.pathname.replace(/\/$/, '')}/${result.interactionId}`,
      });
    }
    return methodNotAllowed(method, path, allowed);
  }

  const allowed = ['GET', ...(definition.modify ? ['PATCH'] : []), ...(name === 'interactions' ? ['DELETE'] : [])];
  if (method === 'GET') {
    readPermission(name, caller);
    const row = await findVisible(db, definition, caller, id);
    if (!row) throw notFound(name, id);
    const object = toEnvelope(name, row);
    if (name === 'lists') await addContactCounts(db, caller, [object]);
    return json(200, object, withEtag(object));
  }
  if (method === 'PATCH' && definition.modify) {
    requirePermission(caller, definition.modify);
    const etag = readEtag(request.headers);
    const object = await patchResource(db, definition, caller, id, etag, await readBody(request));
    return json(200, object, withEtag(object));
  }
  if (method === 'DELETE' && name === 'interactions') {
    requirePermission(caller, 'modify@interactions');
    await deleteInteraction(db, caller, id, readEtag(request.headers));
    return json(204, null);
  }
  return methodNotAllowed(method, path, allowed);
}

async function addContactCounts(db: Db, caller: Caller, lists: Envelope[]) {
  for (const list of lists) {
    const { count } = await db
      .selectFrom('contacts')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('customer_id', '=', caller.customerId)
      .where('security_group_id', '=', list.securityGroupId)
      .where('list_id', '=', list.id)
      .where('is_deleted', '=', 0)
      .executeTakeFirstOrThrow();
    Object.assign(list, { contactsCount: Number(count) });
  }
}

async function describeCaller(db: Db, caller: Caller) {
  const user = await db.selectFrom('users').select(ENVELOPE_COLUMNS).where('id', '=', caller.userId).executeTakeFirstOrThrow();
  const organization = await db.selectFrom('organizations').select(['id', 'name']).where('id', '=', caller.organizationId).executeTakeFirstOrThrow();
  return { ...toEnvelope('users', user), organization, role: caller.role, permissions: [...caller.permissions] };
}

/** Answers one request under the API root; `segments` is the path below it. */
export async function handleSandboxRequest(request: Request, segments: string[], database?: Db): Promise<Response> {
  if (request.url.length > MAX_URL_LENGTH) {
    const error = new ApiError(414, 'uri_too_long', `the URL is ${request.url.length} characters long; the limit is ${MAX_URL_LENGTH}`);
    return json(error.status, error.toBody());
  }
  const url = new URL(request.url);
  try {
    if (!settings.sandboxEnabled) throw new ApiError(404, 'not_found', 'the sandbox API is not served here');
    const db = database ?? (await openDatabase());
    if (segments[0] === 'v1') return await handleV1(db, request, segments.slice(1), url);
    if (segments.join('/') === 'auth/oauth2/token') {
      if (request.method !== 'POST') methodNotAllowed(request.method, '/auth/oauth2/token', ['POST']);
      return await handleTokenRequest(db, request);
    }
    if (segments.join('/') === 'auth/oauth2/revoke') {
      if (request.method !== 'POST') methodNotAllowed(request.method, '/auth/oauth2/revoke', ['POST']);
      return await handleRevocationRequest(db, request);
    }
    throw new ApiError(404, 'not_found', `no such path /${segments.join('/')}`);
  } catch (error) {
    if (error instanceof ApiError) return json(error.status, error.toBody(), error.headers);
    console.error('sandbox request failed', request.method, url.pathname, error);
    return json(500, { error: { status: 500, code: 'internal_error', message: 'the sandbox failed to answer; see its log' } });
  }
}
