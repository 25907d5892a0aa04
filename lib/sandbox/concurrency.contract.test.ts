import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { httpClient, query } from '@/lib/testing/http';
import { TEST_PORTS } from '@/lib/testing/ports';
import { seedTestDatabase, startTestServer } from '@/lib/testing/test-server';
import { tokenFor } from '@/lib/testing/contract-setup';
import { closeDatabases } from './db';
import { DEMO_USERS } from './seed/seed';

const apiUrl = inject('apiUrl');
const engine = inject('sandboxEngine');
const organizer = httpClient(apiUrl, inject('tokens').organizer);

async function anInteraction(client = organizer) {
  const page = await client('GET', `/v1/interactions${query({ limit: 1, skip: Math.floor(Math.random() * 500) })}`);
  return page.body.data[0];
}

/** A create body for a fresh id, from an existing interaction's references. */
const createBody = (template: { data: Record<string, unknown> }) => ({ id: randomUUID(), data: { ...template.data, listId: undefined, distance: 0.01 } });

describe('concurrency', () => {
  it('lets exactly one of many PATCHes with the same etag win; the others get 412', async () => {
    const interaction = await anInteraction();
    const etag = `"${interaction.meta.etag}"`;
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        organizer('PATCH', `/v1/interactions/${interaction.id}`, { etag, body: { data: [{ op: 'replace', path: '/distance', value: i + 0.5 }] } }),
      ),
    );
    const winners = responses.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(responses.filter((r) => r.status === 412)).toHaveLength(11);
    const stored = await organizer('GET', `/v1/interactions/${interaction.id}`);
    expect(stored.body).toEqual(winners[0]!.body);
  });

  it('stores one interaction for the same create sent twice at once', async () => {
    const body = createBody(await anInteraction());
    const responses = await Promise.all(Array.from({ length: 6 }, () => organizer('POST', '/v1/interactions', { body })));
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(201));
    const count = await organizer('GET', `/v1/interactions${query({ filter: `/id eq "${body.id}"`, limit: 0 })}`);
    expect(count.body.meta.total).toBe(1);
  });
});

describe('durability', () => {
  it('keeps every acknowledged write and a sound database when the server is killed mid-batch', async () => {
    const postgres = engine === 'postgres';
    const database = await seedTestDatabase(500, inject('sandboxPostgresUrl'));
    const token = await tokenFor(database, DEMO_USERS.organizer);
    await closeDatabases();
    const server = await startTestServer({ port: postgres ? TEST_PORTS.crashPostgres : TEST_PORTS.crash, database });
    const client = httpClient(server.apiUrl, token);
    const template = (await client('GET', `/v1/interactions${query({ limit: 1 })}`)).body.data[0];

    const acknowledged: string[] = [];
    let stop = false;
    const writers = Array.from({ length: 4 }, async () => {
      while (!stop) {
        const body = createBody(template);
        try {
          const response = await client('POST', '/v1/interactions', { body });
          if (response.status === 201) acknowledged.push(body.id);
        } catch {
          return; // the server is gone
        }
      }
    });
    while (acknowledged.length < 40) await new Promise((resolve) => setTimeout(resolve, 10));
    await server.stop('SIGKILL');
    stop = true;
    await Promise.all(writers);

    // Reopened by a separate process, as the next start would. On SQLite: the file's integrity check.
    // On PostgreSQL (whose server outlives the app): no transaction of the killed app holds a lock, so a
    // new write to the same household goes through at once.
    const script = postgres
      ? `
      const pg = require('pg');
      (async () => {
        const client = new pg.Client({ connectionString: process.argv[1] });
        await client.connect();
        await client.query("set lock_timeout = '5s'");
        const ids = JSON.parse(process.argv[2]);
        const found = (await client.query('select count(*)::int as n from interactions where id = any($1)', [ids])).rows[0].n;
        await client.query('begin');
        await client.query("select id from contacts where id = (select contact_id from interactions where id = $1) for update", [ids[0]]);
        await client.query('rollback');
        await client.end();
        console.log(JSON.stringify({ integrity: 'ok', found }));
      })().catch((error) => console.log(JSON.stringify({ integrity: String(error), found: -1 })));
    `
      : `
      const db = new (require('better-sqlite3'))(process.argv[1]);
      const integrity = db.pragma('integrity_check', { simple: true });
      const ids = JSON.parse(process.argv[2]);
      const found = ids.filter((id) => db.prepare('select 1 from interactions where id = ?').get(id)).length;
      console.log(JSON.stringify({ integrity, found }));
    `;
    const check = spawn(process.execPath, ['-e', script, database, JSON.stringify(acknowledged)], { cwd: path.resolve(import.meta.dirname, '../..') });
    let output = '';
    check.stdout.on('data', (chunk) => (output += chunk));
    await new Promise((resolve) => check.once('exit', resolve));
    const result = JSON.parse(output) as { integrity: string; found: number };
    expect(result.integrity).toBe('ok');
    expect(result.found).toBe(acknowledged.length);
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);
  });
});
