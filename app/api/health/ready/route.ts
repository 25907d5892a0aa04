import { checkReadiness } from '@/lib/health/readiness';
import { settings } from '@/lib/settings';

export const dynamic = 'force-dynamic';

/** Readiness for a load balancer: 200 when the store and the Polis API answer, 503 naming which does not. */
export async function GET() {
  const report = await checkReadiness({ storeUrl: settings.storeDatabaseUrl, polisApiUrl: settings.polisApiUrl });
  return Response.json(report, { status: report.ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
