/**
 * TRACE never reaches the proxy: the framework cannot even build a
 * `Request` for it (fetch forbids the method) and answers 500. This answers them
 * with 405 at the HTTP server, before the framework sees them, the same
 * answer the proxy gives every other method no route serves.
 *
 * @example
 *   refuseForbiddenMethods(); // in instrumentation.ts, once per server process
 */
import http from 'node:http';
import { ALLOWED_METHODS } from './request-guard';

/**
 * The methods fetch's `Request` refuses (Fetch standard, "forbidden method") that reach a request
 * listener: Node answers TRACK with 400 itself and routes CONNECT elsewhere.
 */
const UNREPRESENTABLE = new Set(['TRACE']);
const PATCHED = Symbol.for('polis.refuseForbiddenMethods');

export function refuseForbiddenMethods(prototype: http.Server = http.Server.prototype) {
  const target = prototype as http.Server & { [PATCHED]?: boolean };
  if (target[PATCHED]) return;
  target[PATCHED] = true;
  const emit = target.emit;
  target.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
      if (UNREPRESENTABLE.has(request.method ?? '')) {
        const body = JSON.stringify({
          error: { status: 405, code: 'method_not_allowed', message: `${request.method} is not supported; use one of ${ALLOWED_METHODS.join(', ')}.` },
        });
        response.writeHead(405, {
          Allow: ALLOWED_METHODS.join(', '),
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          'X-Content-Type-Options': 'nosniff',
        });
        response.end(body);
        request.resume();
        return true;
      }
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;
}
