/**
 * A tiny raw-HTTP helper for contract tests: what a client of the API sees,
 * status, headers and JSON, with no client library in between.
 */
export type HttpResult<T = any> = { status: number; body: T; headers: Headers }; // eslint-disable-line @typescript-eslint/no-explicit-any

export function httpClient(apiUrl: string, token?: string) {
  return async function call(
    method: string,
    path: string,
    options: { body?: unknown; raw?: string; etag?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpResult> {
    const headers: Record<string, string> = { ...options.headers };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (options.body !== undefined || options.raw !== undefined) headers['Content-Type'] = 'application/json';
    if (options.etag !== undefined) headers.ETag = options.etag;
    const response = await fetch(`${apiUrl}${path}`, {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  };
}

export const query = (params: Record<string, string | number>) => '?' + new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
