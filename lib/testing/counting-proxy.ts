/**
 * An HTTP proxy for tests that stands between a dashboard instance and the
 * Polis API it calls: it forwards every request unchanged, remembers what
 * was asked, and can hold back the requests a test names (to catch an
 * instance in the middle of a build).
 *
 * @example
 *   const proxy = await startCountingProxy('http://localhost:3105');
 *   // start the instance with POLIS_API_URL=`${proxy.url}/api/polis`
 *   proxy.requests.filter(isWalkRequest).length;  // pages of keyset walks it asked for
 *   proxy.hold(isWalkRequest);                      // such requests now wait, unanswered
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProxiedRequest = { method: string; path: string; search: URLSearchParams; at: number; status?: number; ms?: number };

export type CountingProxy = {
  url: string;
  requests: ProxiedRequest[];
  /** Holds back, unanswered, every later request that `match` picks (until `release`). */
  hold: (match: (request: ProxiedRequest) => boolean) => void;
  /** How many requests are being held back now. */
  held: () => number;
  release: () => void;
  stop: () => Promise<void>;
};

/** A page of a campaign walk: interactions in id order (refreshes read by modification time). */
export const isWalkRequest = (request: ProxiedRequest) =>
  request.method === 'GET' && request.path.endsWith('/v1/interactions') && (request.search.get('sort') ?? '').includes('/id');

/** A read of what changed since a watermark. */
export const isRefreshRequest = (request: ProxiedRequest) =>
  request.method === 'GET' && request.path.endsWith('/v1/interactions') && (request.search.get('filter') ?? '').includes('/meta/modified');

export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const requests: ProxiedRequest[] = [];
  let holding: ((request: ProxiedRequest) => boolean) | null = null;
  let waiting: (() => void)[] = [];

  const server = http.createServer((incoming, outgoing) => {
    const url = new URL(incoming.url ?? '/', upstream);
    const seen: ProxiedRequest = { method: incoming.method ?? 'GET', path: url.pathname, search: url.searchParams, at: Date.now() };
    requests.push(seen);
    outgoing.on('error', () => undefined);
    const forward = () => {
      // A held request whose client has gone (a killed instance) is dropped.
      if (outgoing.destroyed || incoming.socket.destroyed) return;
      const sent = performance.now();
      const request = http.request(url, { method: incoming.method, headers: { ...incoming.headers, host: upstream.host } }, (response) => {
        seen.status = response.statusCode;
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
        response.on('end', () => (seen.ms = performance.now() - sent));
      });
      request.on('error', () => outgoing.writeHead(502).end());
      incoming.pipe(request);
    };
    if (holding?.(seen)) waiting.push(forward);
    else forward();
  });
  // Held requests of a killed client never finish: close them with the server.
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    hold: (match) => (holding = match),
    held: () => waiting.length,
    release() {
      holding = null;
      const pending = waiting;
      waiting = [];
      for (const forward of pending) forward();
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
