/**
 * WAL checkpoints of this process's SQLite files, on a thread of their own.
 * SQLite copies the write-ahead log back into the database file (and syncs
 * both) in the commit that takes the log past `wal_autocheckpoint` pages, on
 * the thread that commits: in the sandbox that is the thread answering every
 * request, and an import of 10,000 visits paid about 40 ms every fifty
 * creates for it. Here a worker thread with its own connection to each file
 * runs a PASSIVE checkpoint (which never waits on, nor blocks, readers and
 * writers) every few hundred milliseconds, and the connections that commit
 * keep a far larger automatic checkpoint only as a backstop. Where the thread
 * cannot start, or stops, the connections go back to SQLite's default.
 *
 * @example
 *   checkpointInBackground(sqlite, file); // after opening a file in WAL mode
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** Pages of log a committing connection lets grow before checkpointing itself (SQLite's default is 1,000). */
export const BACKSTOP_PAGES = 4000;
const DEFAULT_PAGES = 1000;
const EVERY_MS = 200;

// Plain JavaScript, so it runs the same from the sources (tests, scripts) and from Next.js's build.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const files = new Map();
parentPort.on('message', (message) => {
  if (message.type === 'watch' && !files.has(message.file)) {
    try {
      files.set(message.file, new Database(message.file, { fileMustExist: true }));
    } catch {
      // A file gone already: nothing to checkpoint.
    }
  } else if (message.type === 'forget') {
    files.get(message.file)?.close();
    files.delete(message.file);
  }
});
setInterval(() => {
  for (const db of files.values()) {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or gone: the next round, or the backstop, takes it.
    }
  }
}, workerData.everyMs);
`;

/** The thread, the connections left with only the backstop, and how many of them have each file open. */
type Checkpointer = { worker: Worker | null; connections: Set<Database.Database>; files: Map<string, number> };

// One thread per process, kept on globalThis since Next.js bundles routes apart.
const shared = ((globalThis as { polisWalCheckpoints?: Checkpointer }).polisWalCheckpoints ??= {
  worker: null,
  connections: new Set(),
  files: new Map(),
});

function startWorker(): Worker | null {
  try {
    const driver = createRequire(path.join(process.cwd(), 'package.json')).resolve('better-sqlite3');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, everyMs: EVERY_MS } });
    // Checkpoints must not keep a script or a test alive on their own.
    worker.unref();
    const stopped = () => {
      if (shared.worker !== worker) return;
      shared.worker = null;
      for (const sqlite of shared.connections) if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_PAGES}`);
      shared.connections.clear();
      shared.files.clear();
    };
    worker.on('error', stopped);
    worker.on('exit', stopped);
    return worker;
  } catch {
    return null;
  }
}

/** Hands the file's checkpoints to the background thread, leaving `sqlite` only the backstop; false where there is no such thread. */
export function checkpointInBackground(sqlite: Database.Database, file: string): boolean {
  shared.worker ??= startWorker();
  if (!shared.worker) return false;
  const count = shared.files.get(file) ?? 0;
  if (count === 0) shared.worker.postMessage({ type: 'watch', file });
  shared.files.set(file, count + 1);
  sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  shared.connections.add(sqlite);
  return true;
}

/** Stops checkpointing the file in the background (before it closes or is deleted). */
export function stopCheckpointing(sqlite: Database.Database, file: string): void {
  if (!shared.connections.delete(sqlite)) return;
  const count = (shared.files.get(file) ?? 1) - 1;
  if (count > 0) return void shared.files.set(file, count);
  shared.files.delete(file);
  shared.worker?.postMessage({ type: 'forget', file });
}
