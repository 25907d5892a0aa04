'use client';

import { useRef, useState, useTransition } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { deleteInteraction } from '@/lib/interactions/actions';
import { Count } from './character-count';
import { inputClass } from './field';

type Props = { interactionId: string; etag: string; description: string };

/** Delete (soft) after a confirmation that names the contact and the time; the reason goes to the correction log. */
export function DeleteInteraction({ interactionId, etag, description }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <>
      <Button type="button" variant="danger" onClick={() => dialog.current?.showModal()}>
        Delete
      </Button>
      <dialog ref={dialog} aria-labelledby="delete-title" className="m-auto w-full max-w-md rounded-lg p-6 shadow-xl backdrop:bg-slate-900/40">
        <h2 id="delete-title" className="text-lg font-semibold">
          Delete this interaction?
        </h2>
        <p className="mt-2 text-sm text-slate-700">{description}. It will disappear from the map, the table and the counts.</p>
        <label htmlFor="delete-reason" className="mt-4 block text-sm font-medium">
          Reason
        </label>
        <input
          id="delete-reason"
          className={inputClass}
          value={reason}
          maxLength={500}
          aria-describedby="delete-reason-hint delete-reason-count"
          onChange={(event) => setReason(event.target.value)}
        />
        <p id="delete-reason-hint" className="mt-1 text-xs text-slate-500">
          At least 3 characters; kept in the correction log.
        </p>
        <Count id="delete-reason-count" length={reason.length} max={500} />
        {message && (
          <div className="mt-3">
            <Alert tone="error">{message}</Alert>
          </div>
        )}
        <div className="mt-5 flex justify-end gap-3">
          <Button type="button" variant="secondary" onClick={() => dialog.current?.close()}>
            Keep it
          </Button>
          <Button
            type="button"
            variant="danger"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                // On success the action moves to the campaign's table.
                const result = await deleteInteraction({ interactionId, etag, reason });
                if (!result.ok) setMessage(result.fieldErrors?.reason ?? result.message ?? 'The interaction could not be deleted.');
              })
            }
          >
            {pending ? 'Deleting…' : 'Delete interaction'}
          </Button>
        </div>
      </dialog>
    </>
  );
}
