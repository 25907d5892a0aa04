'use client';

import { useEffect, useState } from 'react';
import type { WalklistChoice } from '@/lib/interactions/filter-choices';
import { walklistName, type WalklistOption } from '@/lib/interactions/walklists';

type Props = {
  campaignId: string;
  /** The walklist in the URL, if any. */
  value: string | undefined;
  walklists: WalklistOption[];
  /** The page was rendered before the campaign's first index build finished: the names are asked for until it has. */
  pending: boolean;
  labelClass: string;
  fieldClass: string;
};

/** How often a pending choice asks whether the index is built. */
const POLL_MS = 1000;

/**
 * The walklist filter. Walklists are known only from the campaign's point index, so on the first
 * page after a start the choice may be rendered before the index is built: it then fills itself in
 * as soon as the index is ready, with no reload.
 */
export function WalklistSelect({ campaignId, value, walklists, pending, labelClass, fieldClass }: Props) {
  const [known, setKnown] = useState<{ walklists: WalklistOption[]; pending: boolean }>({ walklists, pending });
  useEffect(() => {
    if (!pending) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const ask = async () => {
      const choice = (await fetch(`/api/map/${campaignId}/walklists`)
        .then((response) => (response.ok ? response.json() : null))
        .catch(() => null)) as WalklistChoice | null;
      if (stopped) return;
      if (choice?.state === 'ready') setKnown({ walklists: choice.walklists, pending: false });
      else if (choice?.state === 'failed') setKnown((current) => ({ ...current, pending: false }));
      else timer = setTimeout(() => void ask(), POLL_MS);
    };
    timer = setTimeout(() => void ask(), POLL_MS / 2);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [campaignId, pending]);
  const options = [
    ...known.walklists,
    // A walklist in the URL stays chosen even before the index names it.
    ...(value && !known.walklists.some((w) => w.id === value) ? [{ id: value, name: walklistName(known.walklists, value) }] : []),
  ];
  return (
    // The label stands beside the select (not around it), so the select's name is the label alone, not its options too.
    <div>
      <label htmlFor="filter-walklist" className={labelClass}>
        Walklist
      </label>
      {/* Keyed on what is known: the select is drawn again with the URL's walklist chosen among the names. */}
      <select
        key={known.pending ? 'pending' : 'known'}
        id="filter-walklist"
        name="walklist"
        defaultValue={value ?? ''}
        aria-busy={known.pending || undefined}
        className={fieldClass}
      >
        <option value="">{known.pending ? 'All walklists (still indexing)' : 'All walklists'}</option>
        {options.map((walklist) => (
          <option key={walklist.id} value={walklist.id}>
            {walklist.name}
          </option>
        ))}
      </select>
    </div>
  );
}
