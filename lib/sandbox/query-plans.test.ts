/**
 * The plans SQLite makes for the API's heaviest reads: each must be
 * answered from the index made for it. A schema change that lost one still
 * returns the right rows, only slower at a million visits, so no other test
 * would notice.
 */
import { CompiledQuery, sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomeFilter, OUTCOMES } from '@/lib/filters/outcome';
import { idRanges, rangeFilter } from '@/lib/map-index/walk';
import { and, eq, gt, isIn } from '@/lib/polis/filter';
import { scratchSandboxDatabase, type ScratchDatabase } from '@/lib/testing/sandbox-database';
import { authenticate, issueAccessTokenForEmail, type Caller } from './access';
import { closeDatabases, openDatabase, type Db } from './db';
import { parseListQuery } from './list-query';
import { listResources, RESOURCES } from './resources';
import { DEMO_USERS, seedDatabase } from './seed/seed';

const OUTCOME_INDEX = 'interactions_campaign_id_successful_unavailable';

let db: Db;
let caller: Caller;
let database: ScratchDatabase;
let campaignId: string;

/**
 * The statistics `pragma optimize` gathered for a sandbox seeded with 1,000,000 interactions before
 * the seed gathered whole ones: sampled, they rate every index of a campaign alike.
 */
const SAMPLED_STATISTICS = [
  ['interactions', 'interactions_modified', '1000000 2001 2001 2'],
  ['interactions', 'interactions_timestamp', '1000000 2001 2001 2'],
  ['interactions', 'interactions_contact_id_timestamp', '1000000 2001 2001 5 1'],
  ['interactions', 'interactions_campaign_id_id', '1000000 2001 2001 2001 1'],
  ['interactions', 'interactions_campaign_id_timestamp', '1000000 2001 2001 2001 2'],
  ['interactions', 'sqlite_autoindex_interactions_1', '1000000 1'],
  ['contacts', 'contacts_modified', '233311 2001 2001 2001'],
  ['contacts', 'contacts_last_name', '267804 2001 2001 16'],
  ['contacts', 'contacts_list_id_last_name', '266800 2001 2001 2001 11'],
  ['contacts', 'sqlite_autoindex_contacts_1', '196974 1'],
];

// A sandbox as one seeded before the outcome index, with its sampled statistics, then migrated:
// the planner must choose each query's own index once the new one is there.
beforeAll(async () => {
  database = await scratchSandboxDatabase('query-plans');
  db = await openDatabase(database.target);
  await seedDatabase(db, { interactions: 60 });
  for (const index of [OUTCOME_INDEX, 'contacts_list_id_id']) await db.schema.dropIndex(index).execute();
  await sql`delete from kysely_migration where name = '0003_count_indexes_whole_statistics'`.execute(db);
  await sql`delete from sqlite_stat1 where tbl in ('interactions', 'contacts')`.execute(db);
  for (const [table, index, stat] of SAMPLED_STATISTICS) await sql`insert into sqlite_stat1 (tbl, idx, stat) values (${table}, ${index}, ${stat})`.execute(db);
  await closeDatabases();
  db = await openDatabase(database.target);
  caller = await authenticate(db, `Bearer ${(await issueAccessTokenForEmail(db, DEMO_USERS.organizer))!}`);
  campaignId = (await db.selectFrom('campaigns').select('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await closeDatabases();
  database?.remove();
});

/** SQLite's plan (EXPLAIN QUERY PLAN) of the query a list request reads its rows with, or counts them with. */
async function planOf(
  search: string,
  { counting = false, resource = 'interactions' }: { counting?: boolean; resource?: 'interactions' | 'contacts' } = {},
): Promise<string> {
  const queries: CompiledQuery[] = [];
  const capture: KyselyPlugin = {
    transformQuery: ({ node }) => {
      queries.push(db.getExecutor().compileQuery(node, { queryId: '' }));
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  const query = parseListQuery(new URLSearchParams(search), RESOURCES[resource].attributes, 'sqlite');
  await listResources(db.withPlugin(capture), RESOURCES[resource], caller, query);
  const compiled = queries.find((each) => /count\(\*\)/i.test(each.sql) === counting)!;
  const { rows } = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
  return rows.map((row) => row.detail).join(' | ');
}

describe("a campaign's visits counted by outcome", () => {
  it.each(OUTCOMES)('are counted from the outcome index, without reading each visit: %s', async (outcome) => {
    const filter = and(eq('/data/campaignId', campaignId), outcomeFilter(outcome));
    expect(await planOf(`limit=0&filter=${encodeURIComponent(filter)}`, { counting: true })).toMatch(new RegExp(`USING (COVERING )?INDEX ${OUTCOME_INDEX}\\b`));
  });
});

describe("a campaign's pages", () => {
  it.each([
    ['sorted by time, as the table shows them', 'sort=/data/timestamp&sort=DESC', 'interactions_campaign_id_timestamp'],
    ['in id order', 'sort=/id&sort=ASC', 'interactions_campaign_id_id'],
  ])('are read in order from their own index, never sorted afresh: %s', async (_, sort, index) => {
    const plan = await planOf(`limit=100&filter=${encodeURIComponent(eq('/data/campaignId', campaignId))}&${sort}`);
    expect(plan).toMatch(new RegExp(`USING (COVERING )?INDEX ${index}\\b`));
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it("are walked by the map index through the campaign's index, each page and its count", async () => {
    // A page after the first of a range, as the walk asks for it at 600,000.
    const range = idRanges(600_000)[1]!;
    const last = `${range.from!.slice(0, 2)}8${range.from!.slice(3)}`;
    const search = `limit=1000&sort=/id&sort=ASC&filter=${encodeURIComponent(rangeFilter(campaignId, range, last))}`;
    for (const counting of [false, true]) expect(await planOf(search, { counting })).toMatch(/USING (COVERING )?INDEX interactions_campaign_id_id\b/);
  });
});

describe("a campaign's households", () => {
  it("are walked through the ids in order, each page's total counted from an index", async () => {
    const lists = await db.selectFrom('lists').select('id').execute();
    const filter = and(
      isIn(
        '/data/listId',
        lists.map((list) => list.id),
      ),
      gt('/id', '8'),
    );
    const search = `limit=1000&sort=/id&sort=ASC&filter=${encodeURIComponent(filter)}`;
    const plan = await planOf(search, { resource: 'contacts' });
    expect(plan).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_contacts_1\b/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    // Each page's total, the rest of the walk, from the index of lists and ids alone.
    expect(await planOf(search, { resource: 'contacts', counting: true })).toMatch(/USING (COVERING )?INDEX contacts_list_id_id\b/);
  });
});
