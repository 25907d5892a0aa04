'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { FILTER_KEYS } from '@/lib/filters/filters';

const VIEWS = [
  { segment: 'map', label: 'Map' },
  { segment: 'table', label: 'Table' },
  { segment: 'results', label: 'Survey results' },
  { segment: 'canvassers', label: 'Canvassers' },
] as const;
const REVIEW = { segment: 'review', label: 'Review' } as const;
const PAPER = { segment: 'sheets', label: 'Paper sheets' } as const;

/** The campaign's views; switching keeps the shared filters in the URL. Review is for organizers only. */
export function CampaignTabs({ campaignId, review = false }: { campaignId: string; review?: boolean }) {
  const pathname = usePathname();
  const params = useSearchParams();
  const kept = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) kept.set(key, value);
  }
  const query = kept.size ? `?${kept}` : '';
  return (
    <nav aria-label="Campaign views" className="border-b border-slate-200">
      <ul className="flex gap-1">
        {[...VIEWS, ...(review ? [REVIEW, PAPER] : [])].map(({ segment, label }) => {
          const href = `/campaigns/${campaignId}/${segment}`;
          const current = ['review', 'canvassers', 'sheets'].includes(segment) ? pathname.startsWith(href) : pathname === href;
          return (
            <li key={segment}>
              <Link
                href={segment === 'review' || segment === 'sheets' ? href : `${href}${query}`}
                aria-current={current ? 'page' : undefined}
                className={`inline-block border-b-2 px-4 py-2 text-sm font-medium ${current ? 'border-brand-600 text-brand-700' : 'border-transparent text-slate-600 hover:text-slate-900'}`}
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
