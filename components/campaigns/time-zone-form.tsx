'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionState } from '@/lib/auth/action';
import { setCampaignTimeZone } from '@/lib/time/actions';
import { timeZones, zoneLabel } from '@/lib/time/format';

/** An organizer's "change" beside the campaign's zone: a small form that keeps the header's own words. */
export function TimeZoneForm({ campaignId, timeZone }: { campaignId: string; timeZone: string }) {
  const [state, action, pending] = useActionState<ActionState | null, FormData>(setCampaignTimeZone, null);
  const error = state?.fieldErrors?.timeZone;
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-brand-700 hover:underline">Change time zone</summary>
      <form action={action} aria-label="Campaign time zone" className="mt-2 flex flex-wrap items-end gap-2">
        <input type="hidden" name="campaignId" value={campaignId} />
        <label className="block text-xs font-medium text-slate-600">
          Time zone
          <select
            name="timeZone"
            defaultValue={timeZone}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'time-zone-error' : undefined}
            className="mt-1 block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
          >
            {timeZones().map((zone) => (
              <option key={zone} value={zone}>
                {zoneLabel(zone)}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? 'Saving…' : 'Save time zone'}
        </Button>
        {error && (
          <p id="time-zone-error" role="alert" className="w-full text-sm text-red-700">
            {error}
          </p>
        )}
        {state && !error && (
          <p role="status" className={`w-full text-sm ${state.ok ? 'text-green-700' : 'text-red-700'}`}>
            {state.message}
          </p>
        )}
      </form>
    </details>
  );
}
