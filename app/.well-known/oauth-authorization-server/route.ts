import { authorizationServerMetadata } from '@/lib/sandbox/oauth';
import { settings } from '@/lib/settings';

export const dynamic = 'force-dynamic';

/** RFC 8414 discovery of the sandbox's authorization server; its issuer is the app's public URL. */
export function GET() {
  if (!settings.sandboxEnabled) return Response.json({ error: 'not_found', error_description: 'the sandbox is not served here' }, { status: 404 });
  return Response.json(authorizationServerMetadata(settings.appUrl), { headers: { 'Cache-Control': 'public, max-age=3600' } });
}
