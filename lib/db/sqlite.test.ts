import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { closeDatabases, openSqlite, reusingStatements } from './sqlite';
import { BACKSTOP_PAGES } from './wal-checkpoints';

const scratch = () => new Database(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'polis-sqlite-')), 'test.sqlite'));

describe('reusing prepared statements', () => {
  it('prepares each SQL text once, keeping the most recently used ones', () => {
    const sqlite = scratch();
    const prepared: string[] = [];
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = (text: string) => (prepared.push(text), prepare(text));
    const database = reusingStatements(sqlite, 2);
    const a = database.prepare('select 1');
    expect(database.prepare('select 1')).toBe(a);
    database.prepare('select 2');
    database.prepare('select 1'); // now the most recent: select 2 is the one to drop
    database.prepare('select 3');
    expect(database.prepare('select 1')).toBe(a);
    database.prepare('select 2');
    expect(prepared).toEqual(['select 1', 'select 2', 'select 3', 'select 2']);
  });

  it('hands out a fresh statement while the kept one is still being iterated', () => {
    const database = reusingStatements(scratch());
    database.prepare('create table t (n integer)').run([]);
    for (let n = 1; n <= 3; n += 1) database.prepare('insert into t values (?)').run([n]);
    const rows = database.prepare('select n from t order by n').iterate([]);
    expect(rows.next().value).toEqual({ n: 1 });
    expect(database.prepare('select n from t order by n').all([])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect([...rows]).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it('answers queries through Kysely as before, a stream and the same query after it included', async () => {
    const db = new Kysely<{ t: { n: number } }>({ dialect: new SqliteDialect({ database: reusingStatements(scratch()) }) });
    await sql`create table t (n integer)`.execute(db);
    for (let n = 1; n <= 3; n += 1) await db.insertInto('t').values({ n }).execute();
    const query = db.selectFrom('t').select('n').orderBy('n');
    for await (const row of query.stream()) if (row.n === 2) break;
    await db.updateTable('t').set({ n: 9 }).where('n', '=', 2).execute();
    expect((await query.execute()).map((r) => r.n)).toEqual([1, 3, 9]);
    await db.destroy();
  });
});

describe('checkpoints in the background', () => {
  it('copies the log into the file from another thread, the committing connection keeping only the backstop', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'polis-sqlite-')), 'wal.sqlite');
    const db = await openSqlite<{ t: { v: string } }>(file, { migrations: {}, migrationTable: 'test_migration' });
    await sql`create table t (v text)`.execute(db);
    expect((await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)).rows[0]!.wal_autocheckpoint).toBe(BACKSTOP_PAGES);
    for (let i = 0; i < 200; i += 1)
      await db
        .insertInto('t')
        .values({ v: 'x'.repeat(5000) })
        .execute();
    // Well under the backstop, so only the other thread can have copied these pages into the file itself.
    await expect.poll(() => fs.statSync(file).size, { timeout: 5000 }).toBeGreaterThan(200 * 5000);
    const reader = new Database(file, { readonly: true });
    expect(reader.prepare('select count(*) as n from t').get()).toEqual({ n: 200 });
    reader.close();
    await closeDatabases();
  });
});
