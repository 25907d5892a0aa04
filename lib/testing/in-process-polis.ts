/**
 * A Polis API for unit tests without a server: the sandbox answers in the
 * test's own process, on a small seeded SQLite file, behind the real Polis
 * client. What a server action sends is what the real API would receive.
 *
 * @example
 *   const polis = await inProcessPolis();
 *   const auth = await polis.signIn('organizer@commonwealth.example');
 *   await auth.polis.listCampaigns();
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuthContext } from '@/lib/auth/session';
import { createPolisClient } from '@/lib/polis/client';
import type { Permission } from '@/lib/polis/schemas';
import { issueAccessTokenForEmail } from '@/lib/sandbox/access';
import { openDatabase } from '@/lib/sandbox/db';
import { handleSandboxRequest } from '@/lib/sandbox/router';
import { seedDatabase } from '@/lib/sandbox/seed/seed';

const BASE_URL = 'http://polis.test/api/polis';

export async function inProcessPolis(interactions = 300, options: { anchor?: string } = {}) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'polis-unit-')), 'polis.sqlite');
  const db = await openDatabase(file);
  await seedDatabase(db, { interactions, anchor: options.anchor });
  const fetchInProcess: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const segments = new URL(request.url).pathname.slice(new URL(BASE_URL).pathname.length + 1).split('/');
    return handleSandboxRequest(request, segments, db);
  };
  return {
    db,
    /** The Polis root and a `fetch` that reach this sandbox, for clients built by the code under test. */
    baseUrl: BASE_URL,
    fetch: fetchInProcess,
    /** The session of a seeded user, as `getAuth` would build it from their cookie. */
    async signIn(email: string, organizationId?: string): Promise<AuthContext> {
      const token = await issueAccessTokenForEmail(db, email, organizationId);
      if (!token) throw new Error(`no seeded user ${email}`);
      const polis = createPolisClient({ token, baseUrl: BASE_URL, fetch: fetchInProcess });
      const me = await polis.getMe();
      return {
        user: { id: me.id, name: me.data.profile?.name ?? me.data.email, email: me.data.email },
        organization: me.organization,
        role: me.role,
        permissions: me.permissions,
        can: (permission: Permission) => me.permissions.includes(permission),
        polis,
      };
    },
  };
}
