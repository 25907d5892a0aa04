import { handleSandboxRequest } from '@/lib/sandbox/router';

type Context = { params: Promise<{ path: string[] }> };

const handle = async (request: Request, { params }: Context) => handleSandboxRequest(request, (await params).path);

export const dynamic = 'force-dynamic';
export { handle as GET, handle as POST, handle as PATCH, handle as PUT, handle as DELETE };
