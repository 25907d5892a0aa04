import { checkReadiness } from '@/lib/health/readiness';
import { warmUp } from '@/lib/map-index/campaign-index';
import { settings } from '@/lib/settings';

export const dynamic = 'force-dynamic';

/**
 * Readiness for a load balancer: 200 when the store and the Polis API answer, 503 naming which does not.
 * The first check also starts loading the store's recent index snapshots (`indexes` says how far).
 */
export async function GET() {
  const report = await checkReadiness({ storeUrl: settings.storeDatabaseUrl, polisApiUrl: settings.polisApiUrl });
  const indexes = report.store.ok ? warmUp() : undefined;
  return Response.json({ ...report, indexes }, { status: report.ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
