import { openDatabase } from '@/lib/sandbox/db';
import { sandboxEnabled } from '@/lib/sandbox/router';

export const dynamic = 'force-dynamic';

/** Readiness: the app answers, and the sandbox database (when served) is open and migrated. */
export async function GET() {
  if (sandboxEnabled()) await openDatabase();
  return Response.json({ ok: true });
}
