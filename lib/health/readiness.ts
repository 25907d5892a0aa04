/**
 * Readiness for a load balancer: whether this instance's store and the Polis
 * API answer, each within a short timeout. Failures are named, never shown
 * with driver text.
 *
 * @example
 *   const report = await checkReadiness({ storeUrl: settings.storeDatabaseUrl, polisApiUrl: settings.polisApiUrl });
 *   report.ok; // false when either is down: take the instance out of rotation
 */
import { sql } from 'kysely';
import { engineOf } from '@/lib/store/engine';
import { openStore } from '@/lib/store/store';

export type Readiness = { ok: boolean; store: { ok: boolean; engine: 'sqlite' | 'postgres' }; polisApi: { ok: boolean; status?: number } };

const TIMEOUT_MS = 2000;

const withTimeout = <T>(work: Promise<T>, ms: number) =>
  Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), ms).unref?.())]);

export async function checkReadiness(options: { storeUrl: string; polisApiUrl: string; fetch?: typeof fetch; timeoutMs?: number }): Promise<Readiness> {
  const timeout = options.timeoutMs ?? TIMEOUT_MS;
  const fetcher = options.fetch ?? fetch;
  const store = withTimeout(
    openStore(options.storeUrl).then(async ({ db }) => (await sql`select 1 as up`.execute(db), true)),
    timeout,
  ).catch(() => false);
  // Any answer short of a server error means the API is there (without a token it answers 401).
  const polisApi = fetcher(`${options.polisApiUrl}/v1/campaigns`, { signal: AbortSignal.timeout(timeout), cache: 'no-store' })
    .then((response) => ({ ok: response.status < 500, status: response.status }))
    .catch(() => ({ ok: false }));
  const [storeOk, api] = await Promise.all([store, polisApi]);
  return { ok: storeOk && api.ok, store: { ok: storeOk, engine: engineOf(options.storeUrl) }, polisApi: api };
}
