/**
 * The index worker thread: the heavy work on a campaign's points, off the
 * thread that answers requests. It walks id ranges of a campaign through
 * the Polis API (fetching, parsing, validating, indexing each page) and
 * hands back each range as an index part; it builds a filter's clusters.
 * Started by `index-workers.ts`; every answer names the job it belongs to.
 */
import { parentPort } from 'node:worker_threads';
import type { Question } from '@/lib/polis/schemas';
import { buildClusterParts, type ClusterInput } from './cluster-parts';
import type { IndexState } from './point-index';
import { ThrottleGate, walkClient, walkRange, type IdRange } from './walk';

/** Work a thread is given: walk one id range of a campaign, or build one filter's clusterer. */
export type JobRequest =
  | { type: 'walk'; connection: { token: string; baseUrl: string }; campaignId: string; range: IdRange; questions: Question[]; pageSize?: number }
  | { type: 'cluster'; input: ClusterInput };

export type WorkerRequest = (JobRequest & { id: number }) | { type: 'throttle'; until: number };

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'page'; id: number; rows: number }
  | { type: 'walked'; id: number; state: IndexState; newest: string }
  | { type: 'clustered'; id: number; parts: ReturnType<typeof buildClusterParts>['parts'] }
  | { type: 'failed'; id: number; message: string }
  | { type: 'throttle'; until: number };

const port = parentPort!;
const send = (reply: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);
// A 429 met here holds back this thread's ranges, and the others' once the pool passes it on.
const gate = new ThrottleGate((until) => send({ type: 'throttle', until }));

/** The buffers a part's arrays own, moved to the other thread rather than copied. */
function buffersOf(state: IndexState): ArrayBuffer[] {
  const arrays = [...Object.values(state.columns), ...state.answers.map((answer) => answer.cells)];
  return [
    ...new Set(arrays.filter((array) => array.byteOffset === 0 && array.byteLength === array.buffer.byteLength).map((array) => array.buffer as ArrayBuffer)),
  ];
}

port.on('message', (request: WorkerRequest) => {
  if (request.type === 'throttle') return gate.hold(request.until);
  if (request.type === 'walk') {
    const client = walkClient(request.connection, gate);
    walkRange(client, request.campaignId, request.range, request.questions, (rows) => send({ type: 'page', id: request.id, rows }), request.pageSize)
      .then(({ index, newest }) => {
        const state = index.exportState();
        send({ type: 'walked', id: request.id, state, newest }, buffersOf(state));
      })
      .catch((error: Error) => send({ type: 'failed', id: request.id, message: error.message }));
    return;
  }
  try {
    const { parts, transfer } = buildClusterParts(request.input);
    send({ type: 'clustered', id: request.id, parts }, transfer);
  } catch (error) {
    send({ type: 'failed', id: request.id, message: (error as Error).message });
  }
});

send({ type: 'ready' });
