/**
 * The zone the review queue reads campaign-local hours and days in.
 * The campaign-local time work gives every campaign its zone (chosen by an
 * organizer or derived from its households); until it lands here, the
 * review uses the demo campaigns' zone.
 */
import 'server-only';
import type { AuthContext } from '@/lib/auth/session';

export const REVIEW_FALLBACK_TIME_ZONE = 'America/New_York';

export async function reviewTimeZone(_auth: AuthContext, _campaignId: string): Promise<string> {
  return REVIEW_FALLBACK_TIME_ZONE;
}
