import type { Metadata } from 'next';
import { campaignPageMetadata } from '@/lib/interactions/page-title';
import { ManualEntryForm } from '@/components/forms/manual-entry-form';
import { ErrorState } from '@/components/ui/error-state';
import { readPolis, requireAuth } from '@/lib/auth/session';
import { loadWalklistOptions } from '@/lib/interactions/filter-choices';
import { eq } from '@/lib/polis/filter';
import { settings } from '@/lib/settings';
import { campaignTimeZone } from '@/lib/time/campaign-zone';
import { campaignCanvassers } from '@/lib/canvassers/campaign-figures';

type Props = { params: Promise<{ campaignId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return campaignPageMetadata('Enter an interaction', (await params).campaignId);
}

export default async function NewInteractionPage({ params }: Props) {
  const { campaignId } = await params;
  const path = `/campaigns/${campaignId}/new`;
  const auth = await requireAuth(path);
  if (!auth.can('modify@interactions')) {
    return (
      <ErrorState
        title="You cannot enter interactions"
        message={`Your role (${auth.role}) may read interactions but not enter them by hand. Ask an organizer.`}
      />
    );
  }
  const loaded = await readPolis(path, () =>
    Promise.all([
      auth.polis.listSurveys({ filter: eq('/data/campaignId', campaignId), limit: 100 }),
      loadWalklistOptions(auth, campaignId),
      campaignTimeZone(auth, campaignId),
      campaignCanvassers(auth, campaignId),
    ]),
  );
  if (!loaded.ok) return <ErrorState title="The campaign's surveys could not be loaded" message={loaded.message} retryHref={path} />;
  const [surveys, walklists, timeZone, canvassers] = loaded.value;
  if (surveys.data.length === 0)
    return <ErrorState title="This campaign has no survey" message="An interaction records a survey; create one in Polis first." />;
  return (
    <div className="space-y-4">
      <h2 className="text-xl font-semibold">Enter an interaction from a paper sheet</h2>
      <ManualEntryForm
        campaignId={campaignId}
        surveys={surveys.data.map((s) => ({ id: s.id, name: s.data.name, questions: s.data.questions }))}
        walklists={walklists}
        canvassers={canvassers}
        tileUrl={settings.tileUrl}
        tileAttribution={settings.tileAttribution}
        timeZone={timeZone}
      />
    </div>
  );
}
