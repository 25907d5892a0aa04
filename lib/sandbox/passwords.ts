/**
 * Password hashing with scrypt (Node's built-in, memory-hard), stored as
 * `scrypt$N$r$p$salt$hash` so the cost can be raised later per user.
 * At most SCRYPT_CONCURRENCY checks run at once and SCRYPT_QUEUE wait;
 * past that a check is refused (PasswordCheckBusyError), so a flood of
 * sign-ins or token requests cannot queue unbounded scrypt work.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const COST: ScryptOptions = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;
/** Derivations at once: half of libuv's default pool of 4, leaving the rest for file and DNS work. */
export const SCRYPT_CONCURRENCY = 2;
/** Derivations waiting at most; at about 50 ms each, the last waits about a second. */
export const SCRYPT_QUEUE = 32;

export class PasswordCheckBusyError extends Error {
  constructor() {
    super('too many password checks are waiting; try again in a moment');
    this.name = 'PasswordCheckBusyError';
  }
}

let running = 0;
const waiting: (() => void)[] = [];

async function withScryptSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= SCRYPT_CONCURRENCY) {
    if (waiting.length >= SCRYPT_QUEUE) throw new PasswordCheckBusyError();
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else running++;
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next in line, or give it back.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

const derive = (password: string, salt: Buffer, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) => scrypt(password, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))));

export async function hashPassword(password: string, salt: Buffer = randomBytes(16)): Promise<string> {
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  // Checks are what a client can make us do at will; hashing happens only when the sandbox registers a secret.
  const key = await withScryptSlot(() => derive(password, Buffer.from(salt, 'base64url'), { N: Number(N), r: Number(r), p: Number(p) }));
  return key.length === expected.length && timingSafeEqual(key, expected);
}
