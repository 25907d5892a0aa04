import { openDatabase } from '@/lib/sandbox/db';
import { settings } from '@/lib/settings';

export const dynamic = 'force-dynamic';

/** Readiness: the app answers, and the sandbox database (when served) is open and migrated. */
export async function GET() {
  if (settings.sandboxEnabled) await openDatabase();
  return Response.json({ ok: true });
}
