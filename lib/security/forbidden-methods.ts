/**
 * Answers every method no route serves with 405 at the HTTP server, before
 * the framework sees it. TRACE never reaches the proxy (the framework cannot
 * even build a `Request` for it, as fetch forbids the method, and answers
 * 500), and the map's data routes skip the proxy (see proxy.ts): a method
 * such as PROPFIND sent there got the framework's bare 400.
 *
 * @example
 *   refuseForbiddenMethods(); // in instrumentation.ts, once per server process
 */
import http from 'node:http';
import { ALLOWED_METHODS } from './request-guard';

const PATCHED = Symbol.for('polis.refuseForbiddenMethods');

export function refuseForbiddenMethods(prototype: http.Server = http.Server.prototype) {
  const target = prototype as http.Server & { [PATCHED]?: boolean };
  if (target[PATCHED]) return;
  target[PATCHED] = true;
  const emit = target.emit;
  target.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
      if (!ALLOWED_METHODS.includes(request.method ?? '')) {
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
