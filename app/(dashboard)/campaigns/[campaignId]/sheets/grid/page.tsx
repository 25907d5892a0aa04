import type { Metadata } from 'next';
import { campaignPageMetadata } from '@/lib/interactions/page-title';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { campaignCanvassers } from '@/lib/canvassers/campaign-figures';
import { EntryGridLoader } from '@/components/paper/entry-grid-loader';
import { EmptyState } from '@/components/ui/error-state';
import { requireAuth, withPolis } from '@/lib/auth/session';
import { PAPER_PERMISSION, single } from '@/lib/paper/access';
import { loadSheet, SheetQuerySchema } from '@/lib/paper/sheet';
import { localDayOf } from '@/lib/time/days';

type Props = { params: Promise<{ campaignId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return campaignPageMetadata('Sheet entry grid', (await params).campaignId);
}

export default async function SheetGridPage({ params, searchParams }: Props) {
  const { campaignId } = await params;
  const search = await searchParams;
  const base = `/campaigns/${campaignId}/sheets/grid`;
  const query = SheetQuerySchema.parse(Object.fromEntries(['listId', 'walklistId', 'surveyId', 'street'].map((k) => [k, single(search[k]) || undefined])));
  const auth = await requireAuth(base);
  if (!auth.can(PAPER_PERMISSION)) notFound();
  const [sheet, canvassers] = await withPolis(base, () => Promise.all([loadSheet(auth, campaignId, query), campaignCanvassers(auth, campaignId)]));
  const requested = single(search.date) ?? '';
  const date = /^\d{4}-\d{2}-\d{2}$/.test(requested) ? requested : localDayOf(sheet.zone, new Date());
  const back = new URLSearchParams(
    Object.entries({ ...sheet.query, canvasser: single(search.canvasser), date }).filter((e): e is [string, string] => Boolean(e[1])),
  );
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h2 className="text-xl font-semibold">Type a walk sheet back</h2>
        <Link href={`/campaigns/${campaignId}/sheets?${back}`} className="text-sm text-brand-700 underline">
          Back to the printable sheet
        </Link>
      </div>
      {!sheet.survey ? (
        <EmptyState title="This campaign has no survey">A sheet records a survey’s answers; create one in Polis first.</EmptyState>
      ) : sheet.households.length === 0 ? (
        <EmptyState title="No doors match">Choose another list, street or walklist on the sheet page.</EmptyState>
      ) : (
        <EntryGridLoader
          campaignId={campaignId}
          surveyId={sheet.survey.id}
          questions={sheet.survey.questions}
          households={sheet.households}
          zone={sheet.zone}
          date={date}
          canvasser={canvassers.some((c) => c.id === single(search.canvasser)) ? single(search.canvasser)! : ''}
          canvassers={canvassers}
        />
      )}
    </div>
  );
}
