/**
 * A fresh sandbox database for a test that calls the sandbox in its own
 * process: a SQLite file in the `unit` project, and in `sandbox-postgres`
 * (whose global setup starts a PostgreSQL server) a database of its own on
 * that server, so one suite file runs on both engines.
 *
 * @example
 *   const database = await scratchSandboxDatabase('limits');
 *   db = await openDatabase(database.target);
 *   afterAll(() => database.remove());
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { Engine } from '@/lib/db/engine';
import { createTestDatabase } from './postgres';

export type ScratchDatabase = { target: string; engine: Engine; remove: () => void };

export async function scratchSandboxDatabase(name: string): Promise<ScratchDatabase> {
  const postgresUrl = inject('postgresUrl') as string | undefined;
  if (postgresUrl) return { target: await createTestDatabase(postgresUrl), engine: 'postgres', remove: () => undefined };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `polis-${name}-`));
  return { target: path.join(dir, `${name}.sqlite`), engine: 'sqlite', remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
