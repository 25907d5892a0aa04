import { describe, expect, it } from 'vitest';
import { hashPassword, PasswordCheckBusyError, SCRYPT_CONCURRENCY, SCRYPT_QUEUE, verifyPassword } from './passwords';

describe('password checks under a flood', () => {
  it('runs a bounded number of scrypt checks and refuses the rest at once', async () => {
    const stored = await hashPassword('right');
    const outcomes = await Promise.allSettled(Array.from({ length: 100 }, () => verifyPassword('wrong', stored)));
    const checked = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(checked.length).toBe(SCRYPT_CONCURRENCY + SCRYPT_QUEUE);
    expect(refused.every((o) => (o).reason instanceof PasswordCheckBusyError)).toBe(true);
    // Once the flood has drained, checks run again.
    expect(await verifyPassword('right', stored)).toBe(true);
  });
});
