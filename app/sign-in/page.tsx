import type { Metadata } from 'next';
import { SignInButton } from '@/components/layout/sign-in-button';
import { Alert } from '@/components/ui/alert';

export const metadata: Metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<{ callbackUrl?: string; reason?: string; error?: string; signedOut?: string }> };

/** Only same-site paths are followed after sign-in. */
function safeCallback(url: string | undefined) {
  return url && url.startsWith('/') && !url.startsWith('//') ? url : '/';
}

export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl, reason, error, signedOut } = await searchParams;
  return (
    <main className="mx-auto mt-24 max-w-md px-6">
      <div className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-semibold">Polis canvass review</h1>
        <p className="mt-2 text-sm text-slate-600">Review, correct and enter your campaign&apos;s door-to-door results. Sign in with your Polis account.</p>
        <div className="mt-6 space-y-4">
          {reason === 'expired' && (
            <Alert tone="info" title="Your Polis session has ended">
              Sign in again to continue where you were.
            </Alert>
          )}
          {error && (
            <Alert tone="error" title="Sign-in did not complete">
              {error === 'AccessDenied'
                ? 'Polis refused access for this account.'
                : error === 'NotPermitted'
                  ? 'This account may not read campaign results. The dashboard is for organizers and viewers; canvassers record visits in the Polis app.'
                  : 'Polis did not confirm the sign-in. Try again; if it keeps failing, ask your administrator.'}
            </Alert>
          )}
          {signedOut && <Alert tone="success">You are signed out.</Alert>}
          <SignInButton callbackUrl={safeCallback(callbackUrl)} />
        </div>
      </div>
    </main>
  );
}
