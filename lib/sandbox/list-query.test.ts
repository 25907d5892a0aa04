import Database from 'better-sqlite3';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { MAX_LIMIT, parseListQuery } from './list-query';
import { RESOURCES } from './resources';
import type { SandboxDatabase } from './tables';

const db = new Kysely<SandboxDatabase>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
/** PostgreSQL's SQL, compiled without a server. */
const postgres = new Kysely<SandboxDatabase>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (kysely) => new PostgresIntrospector(kysely),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

function compile(search: string, on: 'sqlite' | 'postgres' = 'sqlite') {
  const query = parseListQuery(new URLSearchParams(search), RESOURCES.interactions.attributes, on);
  let builder = (on === 'sqlite' ? db : postgres)
    .selectFrom('interactions')
    .select('id')
    .where((eb) => eb.and(query.where.map((f) => f(eb))));
  for (const key of query.sort) builder = builder.orderBy(key.column as 'id', key.direction);
  return { ...builder.compile(), query };
}

const filter = (expression: string) => `filter=${encodeURIComponent(expression)}`;

describe('parseListQuery → SQL', () => {
  it('compiles the contract example to parameterised SQL with values bound, never inlined', () => {
    const { sql, parameters } = compile(filter('(/data/successful eq true and /data/distance gte 0.5) or /data/unavailableReason like "Not*"'));
    expect(sql).toBe('select "id" from "interactions" where (("successful" = ? and "distance" >= ?) or "unavailable_reason" like ? escape \'\\\')');
    expect(parameters).toEqual([1, 0.5, 'Not%']);
  });

  it('keeps a hostile string a parameter', () => {
    const { sql, parameters } = compile(filter(`/data/unavailableReason eq "x'); drop table interactions; --"`));
    expect(sql).not.toContain('drop table');
    expect(parameters).toEqual(["x'); drop table interactions; --"]);
  });

  it('escapes % and _ in like patterns and turns * into %', () => {
    expect(compile(filter('/data/unavailableReason like "50%_off*"')).parameters).toEqual(['50\\%\\_off%']);
  });

  it('compiles nil to IS NULL, in/nin, between, and path comparisons', () => {
    expect(compile(filter('/data/walklistId eq nil')).sql).toContain('"walklist_id" is null');
    expect(compile(filter('/data/walklistId neq nil')).sql).toContain('"walklist_id" is not null');
    const inList = compile(filter('/data/listId in ["a","b"] and /data/contactId nin ["c"]'));
    expect(inList.sql).toContain('"list_id" in (?, ?) and "contact_id" not in (?)');
    expect(inList.parameters).toEqual(['a', 'b', 'c']);
    expect(compile(filter('/data/distance between 1,2')).sql).toContain('"distance" between ? and ?');
    expect(compile(filter('/data/listId in /data/contactId')).sql).toContain('"list_id" = "contact_id"');
  });

  it('normalises timestamps to UTC ISO strings so they compare as stored', () => {
    expect(compile(filter('/data/timestamp gte "2026-09-01"')).parameters).toEqual(['2026-09-01T00:00:00.000Z']);
    expect(compile(filter('/meta/modified lt "2026-09-01T12:00:00-04:00"')).parameters).toEqual(['2026-09-01T16:00:00.000Z']);
  });

  it('ANDs the filter[/path] form, typed by attribute', () => {
    const { sql, parameters } = compile('filter[/data/campaignId]=abc&filter[/data/successful]=true&filter[/data/distance]=2.5');
    expect(sql).toContain('"campaign_id" = ? and "successful" = ? and "distance" = ?');
    expect(parameters).toEqual(['abc', 1, 2.5]);
  });

  it('reads sort as JSON or as the repeated form, and clamps limit', () => {
    expect(compile('sort=' + encodeURIComponent('["data/timestamp","DESC"]')).query.sort).toEqual([{ column: 'timestamp', direction: 'desc' }]);
    expect(compile('sort=/data/distance&sort=ASC&sort=/id').query.sort).toEqual([
      { column: 'distance', direction: 'asc' },
      { column: 'id', direction: 'asc' },
    ]);
    expect(compile('limit=99999&skip=20').query).toMatchObject({ limit: MAX_LIMIT, skip: 20 });
    expect(compile('').query).toMatchObject({ limit: 100, skip: 0, sort: [] });
  });

  const refused: [string, string][] = [
    [filter('/data/survey/responses eq 1'), '/data/survey/responses'],
    [filter('/data/successful eq "yes"'), 'true or false'],
    [filter('/data/distance lt true'), 'a number'],
    [filter('/data/timestamp gt "last week"'), 'ISO 8601'],
    [filter('/data/distance gt nil'), 'nil'],
    [filter('/data/distance like 4'), 'pattern'],
    ['skip=-3', 'skip'],
    ['limit=1.5', 'limit'],
    ['sort=' + encodeURIComponent('["data/timestamp"'), 'not valid JSON'],
    ['filter[/meta/etag]=x', '/meta/etag'],
  ];
  it.each(refused)('refuses %s with a 400 naming %s', (search, named) => {
    let error: unknown;
    try {
      compile(search);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toContain(named);
  });
});

describe('parseListQuery → PostgreSQL', () => {
  it('compiles the contract example with booleans as booleans and like as ILIKE (SQLite’s LIKE ignores case too)', () => {
    const { sql, parameters } = compile(filter('(/data/successful eq true and /data/distance gte 0.5) or /data/unavailableReason like "Not*"'), 'postgres');
    expect(sql).toBe('select "id" from "interactions" where (("successful" = $1 and "distance" >= $2) or "unavailable_reason" ilike $3 escape \'\\\')');
    expect(parameters).toEqual([true, 0.5, 'Not%']);
    expect(compile('filter[/data/successful]=false&filter[/data/walklistId]=nil', 'postgres')).toMatchObject({
      sql: expect.stringContaining('"successful" = $1 and "walklist_id" is null'),
      parameters: [false],
    });
  });

  it('compares columns of different types, and matches numbers with like, as text instead of failing', () => {
    expect(compile(filter('/data/distance like "0.5*"'), 'postgres').sql).toContain('"distance"::text ilike $1');
    expect(compile(filter('/data/successful eq /data/distance'), 'postgres').sql).toContain('"successful"::text = "distance"::text');
    expect(compile(filter('/data/listId in /data/contactId'), 'postgres').sql).toContain('"list_id" = "contact_id"');
  });

  it('compiles an empty in/nin list to false/true, which PostgreSQL takes as a condition', () => {
    expect(compile(filter('/id in []'), 'postgres').sql).toContain('where false');
    expect(compile(filter('/id nin []'), 'postgres').sql).toContain('where true');
    expect(compile(filter('/id in []')).sql).toContain('where 0');
  });

  it('binds timestamps, in-lists and between bounds as the SQLite form does', () => {
    const { sql, parameters } = compile(filter('/data/timestamp gte "2026-09-01" and /data/listId in ["a","b"] and /data/distance between 1,2'), 'postgres');
    expect(sql).toBe('select "id" from "interactions" where (("timestamp" >= $1 and "list_id" in ($2, $3)) and "distance" between $4 and $5)');
    expect(parameters).toEqual(['2026-09-01T00:00:00.000Z', 'a', 'b', 1, 2]);
  });
});
