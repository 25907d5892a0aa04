import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { AuthorizeForm } from '@/components/sandbox/authorize-form';
import { Alert } from '@/components/ui/alert';
import { openDatabase } from '@/lib/sandbox/db';
import { checkAuthorizeRequest, checkPkceParams, OAuthError } from '@/lib/sandbox/oauth';
import { settings } from '@/lib/settings';

export const metadata: Metadata = { title: 'Sign in to Polis (sandbox)' };

type Props = { searchParams: Promise<Record<string, string | undefined>> };

export default async function AuthorizePage({ searchParams }: Props) {
  if (!settings.sandboxEnabled) notFound();
  const params = await searchParams;
  const checked = await checkAuthorizeRequest(await openDatabase(), params).catch((error: unknown) => {
    if (error instanceof OAuthError) return error;
    throw error;
  });
  if (!(checked instanceof OAuthError)) {
    // Errors after the client and redirect URI check out go back to the client (RFC 6749 §4.1.2.1).
    let refusal: { error: string; description?: string } | undefined;
    if (params.response_type !== 'code') refusal = { error: 'unsupported_response_type' };
    else {
      try {
        checkPkceParams(params);
      } catch (error) {
        if (!(error instanceof OAuthError)) throw error;
        refusal = { error: error.error, description: error.description };
      }
    }
    if (refusal) {
      const target = new URL(checked.redirectUri);
      target.searchParams.set('error', refusal.error);
      if (refusal.description) target.searchParams.set('error_description', refusal.description);
      if (params.state) target.searchParams.set('state', params.state);
      redirect(target.toString());
    }
  }
  const body =
    checked instanceof OAuthError ? (
      <Alert tone="error" title="This sign-in link is not valid">
        {checked.description}. Go back to the application and start the sign-in again.
      </Alert>
    ) : (
      <AuthorizeForm
        clientName={checked.name}
        params={{
          client_id: checked.id,
          redirect_uri: checked.redirectUri,
          state: params.state ?? '',
          code_challenge: params.code_challenge ?? '',
          code_challenge_method: params.code_challenge_method ?? '',
        }}
      />
    );
  return (
    <main className="mx-auto mt-24 max-w-md px-6">
      <div className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="mb-1 text-2xl font-semibold">Polis</h1>
        <p className="mb-6 text-xs uppercase tracking-wide text-amber-700">Sandbox sign-in</p>
        {body}
      </div>
    </main>
  );
}
