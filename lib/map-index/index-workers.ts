/**
 * The index worker threads of this process (`index-worker.ts`): campaign
 * walks and clusterer builds run there, so the thread answering requests
 * only sends the work and takes the result. One pool per process (kept on
 * globalThis, since Next.js bundles routes apart), started on first use;
 * where a thread cannot start, callers do the work on their own thread.
 *
 * @example
 *   const done = await runInWorker({ type: 'cluster', input }, transfer);   // null: no worker here
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { JobRequest, WorkerReply, WorkerRequest } from './index-worker';

type Job = { slot: Slot; onReply: (reply: WorkerReply) => void; fail: (error: Error) => void };
type Slot = { worker: Worker; jobs: number };
type Pool = { slots: Promise<Slot[] | null> | null; jobs: Map<number, Job>; nextId: number };

const pool = ((globalThis as { polisIndexWorkers?: Pool }).polisIndexWorkers ??= { slots: null, jobs: new Map(), nextId: 1 });

/** One thread a core, at most four: walks are rare and want every core; requests still take turns with them. */
const THREADS = Math.max(1, Math.min(4, os.availableParallelism()));

function startWorker(): Promise<Worker> {
  // In the Next.js server the worker is a bundled file. Run from the sources (tests, scripts) it is
  // TypeScript: a small bootstrap registers tsx in the new thread, then loads it. (The bundle's
  // import.meta.url names the source file too, so it cannot tell the two apart.)
  const source = process.env.NEXT_RUNTIME ? null : import.meta.url.replace(/index-workers\.ts$/, 'index-worker.ts');
  const worker = source
    ? new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`, { eval: true })
    : new Worker(new URL('./index-worker.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the index worker did not start')), 30_000);
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    worker.once('message', (reply: WorkerReply) => {
      clearTimeout(timer);
      if (reply.type === 'ready') resolve(worker);
      else reject(new Error('the index worker did not start'));
    });
  });
}

async function start(): Promise<Slot[]> {
  const workers = await Promise.all(Array.from({ length: THREADS }, startWorker));
  const slots = workers.map((worker) => ({ worker, jobs: 0 }));
  for (const slot of slots) {
    // The pool must not keep a script or test alive on its own.
    slot.worker.unref();
    slot.worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'throttle') {
        for (const other of slots) if (other !== slot) other.worker.postMessage({ type: 'throttle', until: reply.until } satisfies WorkerRequest);
        return;
      }
      if (reply.type !== 'ready') pool.jobs.get(reply.id)?.onReply(reply);
    });
    slot.worker.on('exit', () => {
      // A thread that died takes its jobs with it; the next use starts a fresh pool.
      for (const [id, job] of pool.jobs) {
        if (job.slot !== slot) continue;
        pool.jobs.delete(id);
        job.fail(new Error('the index worker stopped'));
      }
      if (pool.slots) void pool.slots.then((current) => current?.includes(slot) && (pool.slots = null));
    });
  }
  return slots;
}

/** The pool's threads, or null where none can start (then the work stays on this thread). */
function threads(): Promise<Slot[] | null> {
  pool.slots ??= start().catch(() => null);
  return pool.slots;
}

/**
 * Sends one job to the least busy thread and resolves with its final reply
 * (`walked` or `clustered`); `onReply` hears the ones before it. Resolves
 * null when there is no thread to run it; rejects with the job's failure.
 */
export async function runInWorker<R extends WorkerReply>(
  request: JobRequest,
  transfer: ArrayBuffer[] = [],
  onReply: (reply: WorkerReply) => void = () => {},
): Promise<R | null> {
  const slots = await threads();
  if (!slots) return null;
  const slot = slots.reduce((best, next) => (next.jobs < best.jobs ? next : best));
  const id = pool.nextId++;
  return new Promise<R>((resolve, reject) => {
    const finish = () => {
      pool.jobs.delete(id);
      // An idle thread does not keep the process alive; a busy one does, as its caller waits on it.
      if (--slot.jobs === 0) slot.worker.unref();
    };
    pool.jobs.set(id, {
      slot,
      fail: (error) => {
        slot.jobs--;
        reject(error);
      },
      onReply: (reply) => {
        if (reply.type === 'failed') {
          finish();
          reject(new Error(reply.message));
        } else if (reply.type === 'walked' || reply.type === 'clustered') {
          finish();
          resolve(reply as R);
        } else onReply(reply);
      },
    });
    if (slot.jobs++ === 0) slot.worker.ref();
    slot.worker.postMessage({ ...request, id } satisfies WorkerRequest, transfer);
  });
}
