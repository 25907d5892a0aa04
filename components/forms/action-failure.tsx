import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { ActionState } from '@/lib/auth/action';

/** A failed action's message, with "Try again" (the same submit) or "Sign in again" when that is what helps. */
export function ActionFailure({ state, pending, onSignInAgain }: { state: ActionState; pending: boolean; onSignInAgain: () => void }) {
  return (
    <Alert tone="error" title={state.message}>
      {state.retry && (
        <Button type="submit" variant="secondary" className="mt-2" disabled={pending}>
          Try again
        </Button>
      )}
      {state.reauth && (
        <Button type="button" variant="secondary" className="mt-2" onClick={onSignInAgain}>
          Sign in again
        </Button>
      )}
    </Alert>
  );
}
