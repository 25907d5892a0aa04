/**
 * Refuses, before Next.js parses them, the requests the framework would
 * answer with a 500: a method no route serves (405), a server action from
 * another origin or from an opaque `Origin: null` (403), and a server action
 * body over the framework's limit (413). Each answer names what was wrong.
 *
 * @example
 *   const refusal = refuseRequest(request);
 *   if (refusal) return refusal;
 */

export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Next.js's own `serverActions.bodySizeLimit` default, 1 MB: the proxy answers 413 where the framework would fail. */
export const ACTION_BODY_LIMIT = 1024 * 1024;

const refuse = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  Response.json({ error: { status, code, message } }, { status, headers });

/** The host this request was sent to, as the browser saw it (behind a proxy, the forwarded host). */
function requestHost(request: Request): string | null {
  return request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || request.headers.get('host');
}

function sameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  const host = requestHost(request);
  if (!origin || origin === 'null' || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function refuseRequest(request: Request): Response | null {
  const method = request.method.toUpperCase();
  if (!ALLOWED_METHODS.includes(method)) {
    return refuse(405, 'method_not_allowed', `${method} is not supported; use one of ${ALLOWED_METHODS.join(', ')}.`, { Allow: ALLOWED_METHODS.join(', ') });
  }
  if (method === 'POST' && request.headers.has('next-action')) {
    if (!sameOrigin(request)) {
      return refuse(
        403,
        'cross_origin_action',
        `This request did not come from the dashboard (Origin: ${request.headers.get('origin') ?? 'none'}) and was refused.`,
      );
    }
    const length = Number(request.headers.get('content-length') ?? 0);
    if (length > ACTION_BODY_LIMIT) {
      return refuse(413, 'body_too_large', `The form sent ${length} bytes; the limit is ${ACTION_BODY_LIMIT} bytes (1 MB).`);
    }
  }
  return null;
}
