import { describe, expect, it } from 'vitest';
import { PolisApiError } from '@/lib/polis/client';
import { polisFailure } from './action';

describe('polisFailure', () => {
  it("tells a form that Polis is limiting requests, with the client's word on how long to wait, and offers to retry", () => {
    const error = new PolisApiError(
      429,
      null,
      'Polis is limiting how often the dashboard may call it (429), still after 4 attempts in 28 s; it asks to wait 40 s. Try again in a minute.',
    );
    expect(polisFailure(error)).toEqual({
      ok: false,
      retry: true,
      message: expect.stringMatching(/^Nothing was saved: Polis is limiting .* it asks to wait 40 s\. .*Your entries are still here\.$/),
    });
  });

  it('keeps the unreachable and session-ended states', () => {
    expect(polisFailure(new PolisApiError(0, null, 'down'))).toMatchObject({ retry: true, message: expect.stringContaining('could not be reached') });
    expect(polisFailure(new PolisApiError(401, null))).toMatchObject({ reauth: true });
  });
});
