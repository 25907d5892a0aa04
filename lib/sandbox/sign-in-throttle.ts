/**
 * Throttles password guessing at the sandbox's sign-in: each attempt takes
 * a point from its account and from its client address before the password
 * is hashed, so an attacker pays no scrypt past the limit; a success gives
 * the account's points back. In memory, per process, as the sandbox runs.
 *
 * @example
 *   const refused = await takeSignInAttempt(email, address); // seconds to wait, or 0
 *   if (!refused) { ...verify...; if (ok) await forgiveSignIn(email, address); }
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { SIGN_IN_FAILURES_ALLOWED, SIGN_IN_FAILURE_WINDOW_MS } from './limits';

const options = { points: SIGN_IN_FAILURES_ALLOWED, duration: SIGN_IN_FAILURE_WINDOW_MS / 1000 };
const byAccount = new RateLimiterMemory({ ...options, keyPrefix: 'account' });
const byAddress = new RateLimiterMemory({ ...options, keyPrefix: 'address' });

const accountKey = (email: string) => email.trim().toLowerCase();

/** Seconds until `email` may be tried again from `address`, or 0 when the attempt may go ahead (and is counted). */
export async function takeSignInAttempt(email: string, address: string): Promise<number> {
  const waits = await Promise.all([
    byAccount.consume(accountKey(email)).then(
      () => 0,
      (refusal: unknown) => wait(refusal),
    ),
    byAddress.consume(address).then(
      () => 0,
      (refusal: unknown) => wait(refusal),
    ),
  ]);
  return Math.max(...waits);
}

/** A successful sign-in: the account's count starts again; the address keeps its failures but not this attempt. */
export async function forgiveSignIn(email: string, address: string): Promise<void> {
  await byAccount.delete(accountKey(email));
  await byAddress.reward(address, 1);
}

function wait(refusal: unknown): number {
  if (refusal instanceof RateLimiterRes) return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
  throw refusal;
}
