import { describe, expect, it } from 'vitest';
import { authOptions, mayUseDashboard } from './options';

const organizer = ['read@interactions', 'modify@interactions', 'insert@interactions', 'read@campaigns'];
const viewer = ['read@interactions', 'read@contacts', 'read@surveys', 'read@campaigns', 'read@lists'];
// What the Polis mobile app gives a canvasser: record visits, read none.
const canvasser = ['read@campaigns', 'read@lists', 'read@contacts', 'read@surveys', 'insert@interactions'];

describe('who may sign in to the dashboard', () => {
  it('lets organizers and viewers in, and not a canvasser, who may not read the campaign’s visits', () => {
    expect([organizer, viewer, canvasser].map((permissions) => mayUseDashboard({ permissions }))).toEqual([true, true, false]);
  });

  it('sends a canvasser back to the sign-in page with a reason, before any session exists', async () => {
    const signIn = authOptions.callbacks!.signIn!;
    const refused = await signIn({ user: { id: 'u' }, account: null, profile: { permissions: canvasser } as never });
    expect(refused).toBe('/sign-in?error=NotPermitted');
    expect(await signIn({ user: { id: 'u' }, account: null, profile: { permissions: viewer } as never })).toBe(true);
  });
});
