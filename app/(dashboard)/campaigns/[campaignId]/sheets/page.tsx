import type { Metadata } from 'next';
import { campaignPageMetadata } from '@/lib/interactions/page-title';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { campaignCanvassers } from '@/lib/canvassers/campaign-figures';
import { loadWalklistOptions } from '@/lib/interactions/filter-choices';
import { SheetControls } from '@/components/paper/sheet-controls';
import { WalkSheet } from '@/components/paper/walk-sheet';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/error-state';
import { requireAuth, withPolis } from '@/lib/auth/session';
import { PAPER_PERMISSION, single } from '@/lib/paper/access';
import { loadSheet, SheetQuerySchema } from '@/lib/paper/sheet';
import { localDayOf } from '@/lib/time/days';

type Props = { params: Promise<{ campaignId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return campaignPageMetadata('Walk sheet', (await params).campaignId);
}

export default async function WalkSheetPage({ params, searchParams }: Props) {
  const { campaignId } = await params;
  const search = await searchParams;
  const base = `/campaigns/${campaignId}/sheets`;
  const query = SheetQuerySchema.parse(Object.fromEntries(['listId', 'walklistId', 'surveyId', 'street'].map((k) => [k, single(search[k]) || undefined])));
  const auth = await requireAuth(base);
  if (!auth.can(PAPER_PERMISSION)) notFound();
  const [sheet, canvassers, walklists] = await withPolis(base, () =>
    Promise.all([loadSheet(auth, campaignId, query), campaignCanvassers(auth, campaignId), loadWalklistOptions(auth, campaignId)]),
  );
  const canvasser = single(search.canvasser) ?? '';
  const date = single(search.date) || localDayOf(sheet.zone, new Date());
  const kept = new URLSearchParams(Object.entries({ ...sheet.query, canvasser, date }).filter((e): e is [string, string] => Boolean(e[1])));
  return (
    <div className="space-y-4">
      <div className="sheet-controls flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-xl font-semibold">Walk sheet</h2>
        <div className="flex gap-2">
          <Link href={`${base}/grid?${kept}`} className={buttonClass('secondary')}>
            Type it back in the grid
          </Link>
          <Link href={`/campaigns/${campaignId}/import`} className={buttonClass('secondary')}>
            Import a file
          </Link>
        </div>
      </div>
      <SheetControls sheet={sheet} action={base} canvasser={canvasser} canvassers={canvassers} walklists={walklists} date={date} />
      {sheet.truncated && (
        <p className="sheet-controls text-sm text-amber-800">
          Only the first {sheet.households.length} doors are listed: narrow the sheet to a street or a walklist.
        </p>
      )}
      {!sheet.survey ? (
        <EmptyState title="This campaign has no survey">A sheet records a survey’s answers; create one in Polis first.</EmptyState>
      ) : sheet.households.length === 0 ? (
        <EmptyState title="No doors match">Choose another list, street or walklist.</EmptyState>
      ) : (
        <WalkSheet
          campaignName={sheet.campaignName}
          canvasser={canvassers.find((c) => c.id === canvasser)?.name ?? ''}
          date={date}
          surveyName={sheet.survey.name}
          questions={sheet.survey.questions}
          households={sheet.households}
        />
      )}
    </div>
  );
}
