'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { recordRecontact } from '@/lib/review/actions';

type Call = { id: string; name: string; phone: string; recorded: string; outcome: 'confirmed' | 'not-confirmed' | null };

/** A recontact's calls, each with what the call found. */
export function CallList({ campaignId, calls }: { campaignId: string; calls: Call[] }) {
  const [outcomes, setOutcomes] = useState(() => new Map(calls.map((call) => [call.id, call.outcome])));
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const record = (callId: string, outcome: 'confirmed' | 'not-confirmed') =>
    startTransition(async () => {
      const result = await recordRecontact({ campaignId, callId, outcome });
      setMessage(result.message ?? null);
      if (result.ok) setOutcomes(new Map(outcomes).set(callId, outcome));
    });
  return (
    <div className="space-y-2">
      <table className="min-w-full text-sm" aria-label="Call list">
        <thead className="text-left text-xs uppercase text-slate-600">
          <tr>
            <th scope="col" className="py-1 pr-3">
              Name
            </th>
            <th scope="col" className="py-1 pr-3">
              Phone
            </th>
            <th scope="col" className="py-1 pr-3">
              Recorded
            </th>
            <th scope="col" className="py-1">
              Visit confirmed?
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {calls.map((call) => (
            <tr key={call.id}>
              <td className="py-1 pr-3">{call.name}</td>
              <td className="py-1 pr-3">{call.phone}</td>
              <td className="py-1 pr-3">{call.recorded}</td>
              <td className="flex gap-2 py-1">
                {outcomes.get(call.id) ? (
                  <span>{outcomes.get(call.id) === 'confirmed' ? 'Confirmed' : 'Not confirmed'}</span>
                ) : (
                  <>
                    <Button
                      type="button"
                      variant="secondary"
                      disabled={pending}
                      onClick={() => record(call.id, 'confirmed')}
                      aria-label={`${call.name}: visit confirmed`}
                    >
                      Confirmed
                    </Button>
                    <Button
                      type="button"
                      variant="secondary"
                      disabled={pending}
                      onClick={() => record(call.id, 'not-confirmed')}
                      aria-label={`${call.name}: visit not confirmed`}
                    >
                      Not confirmed
                    </Button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {message && (
        <p role="status" className="text-sm text-slate-700">
          {message}
        </p>
      )}
    </div>
  );
}
