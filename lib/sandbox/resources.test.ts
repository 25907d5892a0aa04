import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchSandboxDatabase, type ScratchDatabase } from '@/lib/testing/sandbox-database';
import { authenticate, issueAccessTokenForEmail, type Caller } from './access';
import { closeDatabases, engineOf, openDatabase, type Db } from './db';
import { parseListQuery } from './list-query';
import { listResources, listResourcesJson, RESOURCES, toEnvelope } from './resources';
import { DEMO_USERS, seedDatabase } from './seed/seed';

let db: Db;
let caller: Caller;
let database: ScratchDatabase;

// On SQLite in the unit project; on PostgreSQL again in sandbox-postgres.
beforeAll(async () => {
  database = await scratchSandboxDatabase('resources');
  db = await openDatabase(database.target);
  await seedDatabase(db, { interactions: 60 });
  caller = await authenticate(db, `Bearer ${(await issueAccessTokenForEmail(db, DEMO_USERS.organizer))!}`);
  // Columns whose JSON needs escaping: quotes, a backslash, a control character, a line break, letters past ASCII.
  const { id } = await db.selectFrom('interactions').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
  await db.updateTable('interactions').set({ etag: 'e"1\\\u0001', modified_by: 'Zoë Ñúñez\n✓' }).where('id', '=', id).execute();
});
afterAll(async () => {
  await closeDatabases();
  database?.remove();
});

describe('a list page written by the database', () => {
  it.each([
    ['the first page', 'limit=25'],
    ['a later page, sorted by time', 'limit=20&skip=20&sort=/data/timestamp&sort=DESC'],
    ['a filtered page', 'filter=/data/successful eq true&limit=1000'],
    ['no rows', 'limit=0'],
    ['nothing matching', 'filter=/data/distance gt 1000000'],
  ])('is the envelopes of the rows, in order, with the total: %s', async (_, search) => {
    const query = parseListQuery(new URLSearchParams(search), RESOURCES.interactions.attributes, engineOf(db));
    const { rows, total } = await listResources(db, RESOURCES.interactions, caller, query);
    const page = JSON.parse((await listResourcesJson(db, RESOURCES.interactions, caller, query)).toString('utf8'));
    expect(page).toEqual({ data: rows.map((row) => toEnvelope('interactions', row)), meta: { total } });
  });

  it('holds the escaped columns and every resource name as they were stored', async () => {
    const query = parseListQuery(new URLSearchParams('sort=/id&limit=1'), RESOURCES.interactions.attributes, engineOf(db));
    const page = JSON.parse((await listResourcesJson(db, RESOURCES.interactions, caller, query)).toString('utf8'));
    expect(page.data[0].meta).toMatchObject({ etag: 'e"1\\\u0001', modifiedBy: 'Zoë Ñúñez\n✓', resource: 'interactions', isDeleted: false });
    const contacts = parseListQuery(new URLSearchParams('limit=3'), RESOURCES.contacts.attributes, engineOf(db));
    const { rows } = await listResources(db, RESOURCES.contacts, caller, contacts);
    expect(JSON.parse((await listResourcesJson(db, RESOURCES.contacts, caller, contacts)).toString('utf8')).data).toEqual(
      rows.map((row) => toEnvelope('contacts', row)),
    );
    expect(rows).toHaveLength(3);
  });
});
