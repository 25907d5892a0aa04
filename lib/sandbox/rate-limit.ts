/**
 * The sandbox's simulation of Polis's rate limit, so clients can be tested
 * against 429s: `SANDBOX_RATE_LIMIT` requests per minute per token, off
 * when unset or 0. In memory, per process.
 *
 * @example
 *   await takeRequest(caller.tokenId); // throws a 429 ApiError with Retry-After past the limit
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { settings } from '@/lib/settings';
import { ApiError } from './errors';

let limiter: { perMinute: number; memory: RateLimiterMemory } | undefined;

export async function takeRequest(tokenId: string): Promise<void> {
  const perMinute = settings.sandboxRateLimit;
  if (!perMinute) return;
  if (limiter?.perMinute !== perMinute) limiter = { perMinute, memory: new RateLimiterMemory({ points: perMinute, duration: 60, keyPrefix: 'sandbox-api' }) };
  try {
    await limiter.memory.consume(tokenId);
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
    throw new ApiError(429, 'rate_limited', `rate limit exceeded: ${perMinute} requests per minute per token; retry after ${seconds} s`, undefined, {
      'Retry-After': String(seconds),
    });
  }
}
