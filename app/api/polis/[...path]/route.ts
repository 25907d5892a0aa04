import { handleSandboxRequest } from '@/lib/sandbox/router';
import { withSecurityHeaders } from '@/lib/security/headers';
import { settings } from '@/lib/settings';

type Context = { params: Promise<{ path: string[] }> };

// The sandbox skips the proxy (see proxy.ts): its answers carry the security headers this way.
const handle = async (request: Request, { params }: Context) =>
  withSecurityHeaders(await handleSandboxRequest(request, (await params).path), { appUrl: settings.appUrl });

export const dynamic = 'force-dynamic';
export { handle as GET, handle as POST, handle as PATCH, handle as PUT, handle as DELETE };
