/**
 * next-auth over the Polis OAuth 2.0 code flow. The upstream access token
 * lives only in the encrypted JWT cookie; the session that reaches the
 * browser carries who the user is and what they may do, never the token.
 */
import 'server-only';
import type { AuthOptions, Profile } from 'next-auth';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { createPolisClient } from '@/lib/polis/client';
import type { Me } from '@/lib/polis/schemas';
import { settings } from '@/lib/settings';
import { markSignedOut, revokePolisToken } from './revoke';

declare module 'next-auth' {
  interface Session {
    user: { id: string; name: string; email: string };
    organization: { id: string; name: string };
    role: string;
    permissions: string[];
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    accessToken?: string;
    accessTokenExpires?: number;
    me?: { id: string; name: string; email: string; organization: { id: string; name: string }; role: string; permissions: string[] };
  }
}

function polisProvider(): OAuthConfig<Me> {
  const apiUrl = settings.polisApiUrl;
  return {
    id: 'polis',
    name: 'Polis',
    type: 'oauth',
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    // PKCE (S256) binds the code to this browser's sign-in: a stolen code is worthless without the verifier in its cookie.
    checks: ['pkce', 'state'],
    authorization: { url: `${settings.authUrl}/oauth/authorize`, params: { scope: '', response_type: 'code' } },
    token: {
      url: `${apiUrl}/auth/oauth2/token`,
      // Polis takes the code exchange as JSON, not as the form most servers expect.
      async request({ params, checks, provider }) {
        const response = await fetch(`${apiUrl}/auth/oauth2/token`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({
            client_id: provider.clientId,
            client_secret: provider.clientSecret,
            code: params.code,
            grant_type: 'authorization_code',
            redirect_uri: provider.callbackUrl,
            code_verifier: checks.code_verifier,
          }),
          cache: 'no-store',
        });
        const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
        if (!response.ok || !body.access_token) {
          throw new Error(`Polis refused the sign-in code: ${body.error ?? response.status} ${body.error_description ?? ''}`.trim());
        }
        const expiresIn = body.expires_in ?? 8 * 3600;
        return { tokens: { access_token: body.access_token, token_type: 'bearer', expires_at: Math.floor(Date.now() / 1000) + expiresIn } };
      },
    },
    userinfo: {
      url: `${apiUrl}/v1/users/me`,
      async request({ tokens }) {
        return (await createPolisClient({ token: tokens.access_token! }).getMe()) as unknown as Profile;
      },
    },
    profile(me) {
      return { id: me.id, name: me.data.profile?.name ?? me.data.email, email: me.data.email };
    },
  };
}

/** Only accounts that may read a campaign's interactions (organizers and viewers) sign in to the dashboard. */
export function mayUseDashboard(me: Pick<Me, 'permissions'> | undefined): boolean {
  return me?.permissions?.includes('read@interactions') ?? false;
}

export const authOptions: AuthOptions = {
  providers: [polisProvider()],
  session: { strategy: 'jwt', maxAge: 8 * 60 * 60 },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  events: {
    // Signing out ends access everywhere: a copy of this cookie now meets a revoked token and is sent to sign in.
    async signOut({ token }) {
      if (!token?.accessToken) return;
      markSignedOut(token.accessToken, token.accessTokenExpires || Date.now() + 8 * 3600_000);
      await revokePolisToken(token.accessToken);
    },
  },
  callbacks: {
    // The dashboard shows a campaign's visits: an account that may not read them (a canvasser's) gets no session.
    async signIn({ account, profile }) {
      if (mayUseDashboard(profile as unknown as Me | undefined)) return true;
      if (account?.access_token) await revokePolisToken(account.access_token);
      return '/sign-in?error=NotPermitted';
    },
    async jwt({ token, account, profile }) {
      if (account?.access_token && profile) {
        const me = profile as unknown as Me;
        token.accessToken = account.access_token;
        token.accessTokenExpires = (account.expires_at ?? 0) * 1000;
        token.me = {
          id: me.id,
          name: me.data.profile?.name ?? me.data.email,
          email: me.data.email,
          organization: me.organization,
          role: me.role,
          permissions: me.permissions,
        };
      }
      return token;
    },
    async session({ session, token }) {
      // Only who the user is and what they may do reaches the browser; the token stays in the cookie.
      if (token.me) {
        session.user = { id: token.me.id, name: token.me.name, email: token.me.email };
        session.organization = token.me.organization;
        session.role = token.me.role;
        session.permissions = token.me.permissions;
      }
      return session;
    },
  },
};
