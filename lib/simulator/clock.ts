/**
 * The field day's clock. In real time it is the wall clock. X times faster,
 * it replays the day from some hours back at X times the pace until it
 * catches up with the wall clock, then goes on in real time: a visit is
 * never stamped later than the moment it is sent (a device clock set ahead
 * is one of the review queue's warnings), only earlier, as a phone that
 * syncs after a stretch without signal does.
 *
 * @example
 *   const clock = fieldClock({ speed: 10, leadMs: replayLead(10, zone) });
 *   await clock.sleepUntil(clock.now() + 90_000); // 9 seconds of real time
 */
import { localDayOf, localInstant } from '@/lib/time/days';

export type FieldClock = {
  /** Epoch milliseconds on the field's clock. */
  now(): number;
  /** Resolves when the field's clock reaches `time` (at once if it has), or when `signal` aborts. */
  sleepUntil(time: number, signal?: AbortSignal): Promise<void>;
};

/** The longest stretch of the day replayed. */
const REPLAY_DAY_MS = 8 * 3600_000;
/** Canvassing starts no earlier than this local hour: a replay never reaches into the night. */
const DAY_STARTS_AT_HOUR = 9;

/**
 * How far back a run at `speed` starts: what it replays in 8 hours of field
 * time, but never before 9 in the morning on the campaign's clock.
 */
export function replayLead(speed: number, zone: string, now = Date.now()): number {
  if (speed <= 1) return 0;
  const morning = localInstant(zone, localDayOf(zone, now), DAY_STARTS_AT_HOUR * 3600).getTime();
  return Math.max(0, Math.min(REPLAY_DAY_MS * (1 - 1 / speed), now - morning));
}

export function fieldClock({ speed, leadMs = 0, start = Date.now() }: { speed: number; leadMs?: number; start?: number }): FieldClock {
  const origin = start - leadMs;
  // The wall-clock moment the replay meets the present.
  const caughtUp = speed > 1 ? start + leadMs / (speed - 1) : start;
  const now = () => {
    const real = Date.now();
    return real >= caughtUp ? real : Math.round(origin + speed * (real - start));
  };
  const wallTimeOf = (time: number) => (time >= caughtUp ? time : start + (time - origin) / speed);
  return {
    now,
    sleepUntil(time, signal) {
      const wait = wallTimeOf(time) - Date.now();
      if (wait <= 0 || signal?.aborted) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(done, wait);
        function done() {
          clearTimeout(timer);
          signal?.removeEventListener('abort', done);
          resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
      });
    },
  };
}

/** A clock that jumps to each time asked for: a whole field day runs in a test at once. */
export function instantClock(start: number): FieldClock {
  let current = start;
  return {
    now: () => current,
    sleepUntil(time) {
      current = Math.max(current, time);
      return Promise.resolve();
    },
  };
}
