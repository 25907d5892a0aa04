import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refuseForbiddenMethods } from './forbidden-methods';

class TestServer extends http.Server {}

describe('refuseForbiddenMethods', () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    refuseForbiddenMethods(TestServer.prototype);
    server = new TestServer((_request, response) => response.end('handled'));
    await new Promise<void>((resolve) => server.listen(0, resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = (method: string) =>
    new Promise<{ status: number; allow?: string; body: string }>((resolve, reject) => {
      const request = http.request({ port, method, path: '/api/health' }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, allow: response.headers.allow, body }));
      });
      request.on('error', reject);
      request.end();
    });

  it('answers TRACE with 405 and the methods that are served', async () => {
    const response = await send('TRACE');
    expect(response.status).toBe(405);
    expect(response.allow).toContain('GET');
    expect(JSON.parse(response.body).error.message).toContain('TRACE is not supported');
  });

  it('answers every other method no route serves with 405, before any route sees it', async () => {
    for (const method of ['PROPFIND', 'MKCOL', 'PURGE']) {
      const response = await send(method);
      expect(response.status, method).toBe(405);
      expect(JSON.parse(response.body).error.message).toContain(`${method} is not supported`);
    }
  });

  it('hands every other request to the server', async () => {
    expect(await send('GET')).toMatchObject({ status: 200, body: 'handled' });
  });
});
