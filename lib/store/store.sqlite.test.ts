import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { storeMigrations } from './migrations';
import { openStore } from './store';
import { describeStore } from './store-suite';

const scratch = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'polis-store-')), 'dashboard.sqlite');

describeStore('sqlite', async () => `file:${scratch()}`);

it('adopts a file whose correction log was made before the store existed, keeping its rows', async () => {
  const file = scratch();
  const old = new Database(file);
  old.exec(`create table correction_log (id text primary key, organization_id text not null, campaign_id text not null, interaction_id text not null, action text not null,
    user_id text not null, user_name text not null, reason text not null, patch text not null, etag_before text, etag_after text, created text not null)`);
  old
    .prepare(`insert into correction_log values ('c1', 'org-a', 'camp-1', 'int-1', 'correct', 'u1', 'Ada', 'kept', '[]', null, null, '2026-01-01T00:00:00Z')`)
    .run();
  old.close();
  const { db } = await openStore(`file:${file}`);
  expect(await db.selectFrom('correction_log').select('reason').execute()).toEqual([{ reason: 'kept' }]);
  expect(
    (
      await db
        .selectFrom('store_migration' as never)
        .select('name' as never)
        .execute()
    ).length,
  ).toBe(Object.keys(storeMigrations('sqlite')).length);
});
