/**
 * What the sandbox knows of each Polis resource: its table, the attributes a
 * client may filter and sort on (each an indexed column), and the generic
 * reads every resource shares, always scoped to the caller's tenant and
 * security groups.
 *
 * @example
 *   const { data, total } = await listResources(db, RESOURCES.interactions, caller, query);
 *   const row = await findVisible(db, RESOURCES.contacts, caller, contactId); // undefined if not theirs
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Caller } from './access';
import type { AttributeTable } from './filter/compile-filter';
import { commitCount, engineOf, type Db } from './db';
import type { ListQuery } from './list-query';
import type { ResourceRow, ResourceTable } from './tables';
import type { envelope, Permission } from '@/lib/polis/schemas';
import type { z } from 'zod';

export type ResourceName = ResourceTable;

export type ResourceDefinition = {
  name: ResourceName;
  attributes: AttributeTable;
  read: Permission | null;
  modify: Permission | null;
};

const ENVELOPE_ATTRIBUTES: AttributeTable = {
  '/id': { column: 'id', type: 'id' },
  '/customerId': { column: 'customer_id', type: 'id' },
  '/securityGroupId': { column: 'security_group_id', type: 'id' },
  '/meta/createdBy': { column: 'created_by', type: 'id' },
  '/meta/modified': { column: 'modified', type: 'timestamp' },
};

function define(name: ResourceName, read: Permission | null, modify: Permission | null, attributes: AttributeTable): ResourceDefinition {
  return { name, read, modify, attributes: { ...ENVELOPE_ATTRIBUTES, ...attributes } };
}

export const RESOURCES = {
  interactions: define('interactions', 'read@interactions', 'modify@interactions', {
    '/data/campaignId': { column: 'campaign_id', type: 'id' },
    '/data/contactId': { column: 'contact_id', type: 'id' },
    '/data/listId': { column: 'list_id', type: 'id' },
    '/data/survey/surveyId': { column: 'survey_id', type: 'id' },
    '/data/walklistId': { column: 'walklist_id', type: 'id' },
    '/data/timestamp': { column: 'timestamp', type: 'timestamp' },
    '/data/successful': { column: 'successful', type: 'boolean' },
    '/data/unavailable': { column: 'unavailable', type: 'boolean' },
    '/data/unavailableReason': { column: 'unavailable_reason', type: 'string' },
    '/data/distance': { column: 'distance', type: 'number' },
    '/data/location/lat': { column: 'lat', type: 'number' },
    '/data/location/lng': { column: 'lng', type: 'number' },
    '/data/location/confidence': { column: 'confidence', type: 'number' },
  }),
  contacts: define('contacts', 'read@contacts', 'modify@contacts', {
    '/data/listId': { column: 'list_id', type: 'id' },
    '/data/profile/name/first': { column: 'first_name', type: 'string' },
    '/data/profile/name/last': { column: 'last_name', type: 'string' },
    '/data/profile/address/formatted': { column: 'address', type: 'string' },
    '/data/profile/address/postalCode': { column: 'postal_code', type: 'string' },
    '/data/contacted': { column: 'contacted', type: 'boolean' },
  }),
  surveys: define('surveys', 'read@surveys', null, {
    '/data/campaignId': { column: 'campaign_id', type: 'id' },
    '/data/name': { column: 'name', type: 'string' },
  }),
  campaigns: define('campaigns', 'read@campaigns', null, {
    '/data/organizationId': { column: 'organization_id', type: 'id' },
    '/data/name': { column: 'name', type: 'string' },
    '/data/status': { column: 'status', type: 'string' },
  }),
  lists: define('lists', 'read@lists', null, {
    '/data/organizationId': { column: 'organization_id', type: 'id' },
    '/data/name': { column: 'name', type: 'string' },
  }),
  // Any member of the tenant may see its users (canvassers' names); there is no read@users permission.
  users: define('users', null, null, {
    '/data/email': { column: 'email', type: 'string' },
  }),
} satisfies Record<ResourceName, ResourceDefinition>;

export const ENVELOPE_COLUMNS = [
  'id',
  'customer_id',
  'security_group_id',
  'data',
  'created',
  'created_by',
  'modified',
  'modified_by',
  'etag',
  'is_deleted',
] as const;

/** A stored row's envelope columns, as reads return them. */
export type EnvelopeRow = Pick<Selectable<ResourceRow>, (typeof ENVELOPE_COLUMNS)[number]>;

/** Any resource as the API answers it: the shared envelope schema's type, with its data left open. */
export type Envelope = z.infer<ReturnType<typeof envelope<z.ZodRecord<z.ZodString, z.ZodUnknown>>>>;

export function toEnvelope(resource: ResourceName, row: EnvelopeRow): Envelope {
  return {
    id: row.id,
    customerId: row.customer_id,
    securityGroupId: row.security_group_id,
    data: JSON.parse(row.data) as Record<string, unknown>,
    meta: {
      created: row.created,
      createdBy: row.created_by,
      modified: row.modified,
      modifiedBy: row.modified_by,
      resource,
      etag: row.etag,
      isDeleted: Boolean(row.is_deleted),
    },
  };
}

/**
 * The same envelope as `toEnvelope`, as JSON text written by the database:
 * the stored `data` is already JSON (written by `JSON.stringify`), so it is
 * spliced in where it lies, and the other columns are quoted as JSON strings.
 */
function envelopeSql(engine: 'sqlite' | 'postgres', resource: ResourceName) {
  const quote = (column: string) => (engine === 'sqlite' ? sql`json_quote(${sql.ref(column)})` : sql`to_json(${sql.ref(column)})::text`);
  // concat() writes the text once; a chain of || copies the growing envelope at every step.
  return sql<string>`concat('{"id":', ${quote('id')}, ',"customerId":', ${quote('customer_id')}, ',"securityGroupId":', ${quote('security_group_id')},
    ',"data":', data, ',"meta":{"created":', ${quote('created')}, ',"createdBy":', ${quote('created_by')}, ',"modified":', ${quote('modified')},
    ',"modifiedBy":', ${quote('modified_by')}, ',"resource":', ${sql.lit(JSON.stringify(resource))}, ',"etag":', ${quote('etag')},
    ',"isDeleted":', case when is_deleted then 'true' else 'false' end, '}}')`;
}

/** A fresh opaque etag; every write stores a new one. */
export const newEtag = () => randomBytes(12).toString('base64url');

// Resource tables share their envelope columns; the generic reads below are
// typed over that shared shape rather than per table.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const generic = (db: Db) => db as unknown as Kysely<Record<ResourceName, ResourceRow & Record<string, any>>>;

/** Rows the caller may read: its tenant, its security groups, not soft-deleted. */
function visibleRows(db: Db, resource: ResourceName, caller: Caller) {
  return (
    generic(db)
      .selectFrom(resource)
      .where('customer_id', '=', caller.customerId)
      .where('security_group_id', 'in', caller.readGroups.length ? caller.readGroups : [''])
      // A literal, not a parameter, so the planner can use the partial indexes on live rows (a 0/1 flag on SQLite).
      .where(sql.ref('is_deleted'), '=', engineOf(db) === 'sqlite' ? sql.lit(0) : sql.lit(false))
  );
}

/**
 * A row the caller may read, or undefined. With `forUpdate` (inside an
 * `immediateTransaction`, for a row about to be changed) PostgreSQL locks it
 * until the transaction ends, so a concurrent writer waits and then reads
 * the row as this one left it; SQLite's transaction already excludes them.
 */
export async function findVisible(db: Db, definition: ResourceDefinition, caller: Caller, id: string, options: { forUpdate?: boolean } = {}) {
  const query = visibleRows(db, definition.name, caller).select(ENVELOPE_COLUMNS).where('id', '=', id);
  return (options.forUpdate && engineOf(db) === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
}

/**
 * Totals are cached until the data changes. On SQLite, commitCount() moves
 * with every commit of this process, and data_version with any other
 * connection's. On PostgreSQL, the current snapshot (the transactions in
 * progress and the next id to come) changes whenever any writer starts or
 * commits, in this process or another: two equal snapshots see the same data.
 * It is read before counting, so a commit in between only costs a recount.
 * Counting a large campaign is the costly part of a list.
 * Keys are SHA-256 digests of the query, so a long filter costs the cache
 * 43 bytes, not its length: at most MAX_CACHED_TOTALS × ~100 bytes in all.
 */
const MAX_CACHED_TOTALS = 5000;
const totals = new Map<string, number>();
let totalsVersion = '';

/** Bytes the cached totals' keys hold. */
export function totalsCacheBytes(): number {
  let bytes = 0;
  for (const key of totals.keys()) bytes += key.length;
  return bytes;
}

async function dataVersion(db: Db): Promise<string> {
  if (engineOf(db) === 'postgres') {
    const { snapshot, database } = (
      await sql<{ snapshot: string; database: string }>`select pg_current_snapshot()::text as snapshot, current_database() as database`.execute(db)
    ).rows[0]!;
    // The snapshot is the whole server's: the database's name keeps two databases of one server apart.
    return `${database}:${snapshot}`;
  }
  const { data_version } = (await sql<{ data_version: number }>`pragma data_version`.execute(db)).rows[0]!;
  return `${data_version}:${commitCount()}`;
}

async function countRows(db: Db, query: { compile(): { sql: string; parameters: readonly unknown[] }; executeTakeFirstOrThrow(): Promise<{ total: number }> }) {
  const version = await dataVersion(db);
  if (version !== totalsVersion || totals.size >= MAX_CACHED_TOTALS) {
    totals.clear();
    totalsVersion = version;
  }
  const compiled = query.compile();
  const key = createHash('sha256').update(compiled.sql).update('\0').update(JSON.stringify(compiled.parameters)).digest('base64url');
  let total = totals.get(key);
  if (total === undefined) {
    total = Number((await query.executeTakeFirstOrThrow()).total);
    totals.set(key, total);
  }
  return total;
}

/** A list's rows: the filtered rows, their order, and the page's positions (see `listResources`). */
function listPage(db: Db, definition: ResourceDefinition, caller: Caller, query: ListQuery) {
  const filtered = visibleRows(db, definition.name, caller).where((eb) => eb.and(query.where.map((f) => f(eb))));
  // The row's place in insertion order: SQLite's rowid, PostgreSQL's `seq` (see migrations.ts).
  const position = engineOf(db) === 'sqlite' ? sql`rowid` : sql.ref('seq');
  // The position breaks ties, so paging through equal sort keys is stable; every index carries it.
  const order = [
    ...query.sort.map((key) => sql`${sql.ref(key.column)} ${sql.raw(key.direction)}`),
    sql`${position} ${sql.raw(query.sort.at(-1)?.direction ?? 'asc')}`,
  ];
  // Deferred join: page through the (covering) index for positions, then read only those rows.
  const positions = filtered.select(position.as('rid')).orderBy(sql.join(order)).limit(query.limit).offset(query.skip);
  const total = () =>
    countRows(
      db,
      filtered.select((eb) => eb.fn.countAll<number>().as('total')),
    );
  return { position, order, positions, total };
}

export async function listResources(db: Db, definition: ResourceDefinition, caller: Caller, query: ListQuery) {
  const { position, order, positions, total } = listPage(db, definition, caller, query);
  const rows: EnvelopeRow[] =
    query.limit > 0
      ? await generic(db).selectFrom(definition.name).select(ENVELOPE_COLUMNS).where(position, 'in', positions).orderBy(sql.join(order)).execute()
      : [];
  return { rows, total: await total() };
}

/**
 * A list page as the API answers it, in bytes: the database writes each
 * envelope (`envelopeSql`) as UTF-8, so a page of 1,000 interactions
 * (1.5 MB) costs the server's thread no string per row or column, and is
 * never encoded again. The envelopes are joined here: the databases' own
 * ordered aggregates sorted the whole 1.5 MB of text, twice as slow.
 */
export async function listResourcesJson(db: Db, definition: ResourceDefinition, caller: Caller, query: ListQuery): Promise<Buffer<ArrayBuffer>> {
  const { position, order, positions, total } = listPage(db, definition, caller, query);
  const engine = engineOf(db);
  const envelope = envelopeSql(engine, definition.name);
  const bytes = engine === 'sqlite' ? sql<Buffer>`cast(${envelope} as blob)` : sql<Buffer>`convert_to(${envelope}, 'UTF8')`;
  const rows =
    query.limit > 0
      ? await generic(db).selectFrom(definition.name).select(bytes.as('item')).where(position, 'in', positions).orderBy(sql.join(order)).execute()
      : [];
  const parts: Buffer[] = [Buffer.from('{"data":[')];
  for (const [i, row] of rows.entries()) {
    if (i > 0) parts.push(COMMA);
    parts.push(row.item);
  }
  parts.push(Buffer.from(`],"meta":{"total":${await total()}}}`));
  return Buffer.concat(parts);
}

const COMMA = Buffer.from(',');

/** Stores new `data` for a row with a fresh etag and modification stamp; returns the new row. */
export async function writeData(db: Db, resource: ResourceName, row: EnvelopeRow, data: unknown, caller: Caller, now = new Date()): Promise<EnvelopeRow> {
  const updated = { data: JSON.stringify(data), modified: now.toISOString(), modified_by: caller.userId, etag: newEtag() };
  await generic(db).updateTable(resource).set(updated).where('id', '=', row.id).execute();
  return { ...row, ...updated };
}
