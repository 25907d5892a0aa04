'use client';

import { useActionState, useEffect } from 'react';
import { authorize, type AuthorizeState } from '@/lib/sandbox/authorize-action';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';

type Props = {
  clientName: string;
  params: { client_id: string; redirect_uri: string; state: string; code_challenge: string; code_challenge_method: string };
};

const input = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-brand-600';

export function AuthorizeForm({ clientName, params }: Props) {
  const [state, action, pending] = useActionState<AuthorizeState, FormData>(authorize, { step: 'credentials', email: '' });
  useEffect(() => {
    if (state.redirectTo) window.location.assign(state.redirectTo);
  }, [state.redirectTo]);
  return (
    <form action={action} className="space-y-4" noValidate>
      {Object.entries(params).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <p className="text-sm text-slate-600">
        Sign in to let <strong>{clientName}</strong> read and update your campaign data.
      </p>
      {state.error && <Alert tone="error">{state.error}</Alert>}
      {state.step === 'credentials' ? (
        <>
          <label className="block text-sm font-medium">
            Email
            <input name="email" type="email" autoComplete="username" required defaultValue={state.email} className={input} />
          </label>
          <label className="block text-sm font-medium">
            Password
            <input name="password" type="password" autoComplete="current-password" required className={input} />
          </label>
        </>
      ) : (
        <fieldset>
          <legend className="text-sm font-medium">Organization</legend>
          <input type="hidden" name="email" value={state.email} />
          <div className="mt-2 space-y-2">
            {state.organizations?.map((org, i) => (
              <label key={org.id} className="flex items-center gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm">
                <input type="radio" name="organizationId" value={org.id} defaultChecked={i === 0} />
                {org.name} <span className="text-slate-500">({org.role})</span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <Button type="submit" className="w-full" disabled={pending || Boolean(state.redirectTo)}>
        {pending ? 'Signing in…' : state.step === 'credentials' ? 'Sign in' : 'Continue'}
      </Button>
    </form>
  );
}
