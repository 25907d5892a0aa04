import type { Metadata } from 'next';
import { campaignPageMetadata } from '@/lib/interactions/page-title';
import { CorrectionForm } from '@/components/forms/correction-form';
import { ErrorState } from '@/components/ui/error-state';
import { readPolis, requireAuth } from '@/lib/auth/session';
import { toFormValues } from '@/lib/interactions/correction';
import { loadWalklistOptions } from '@/lib/interactions/filter-choices';
import { contactName } from '@/lib/interactions/rows';
import { settings } from '@/lib/settings';
import { campaignTimeZone } from '@/lib/time/campaign-zone';

type Props = { params: Promise<{ campaignId: string; interactionId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return campaignPageMetadata('Correct an interaction', (await params).campaignId);
}

export default async function EditInteractionPage({ params }: Props) {
  const { campaignId, interactionId } = await params;
  const detailHref = `/campaigns/${campaignId}/interactions/${interactionId}`;
  const auth = await requireAuth(`${detailHref}/edit`);
  if (!auth.can('modify@interactions')) {
    return (
      <ErrorState title="You cannot correct interactions" message={`Your role (${auth.role}) may read interactions but not change them. Ask an organizer.`} />
    );
  }
  const loaded = await readPolis(`${detailHref}/edit`, async () => {
    const interaction = await auth.polis.getInteraction(interactionId);
    if (interaction.data.campaignId !== campaignId) return null;
    const [survey, contact, walklists, timeZone] = await Promise.all([
      auth.polis.getSurvey(interaction.data.survey.surveyId),
      auth.polis.getContact(interaction.data.contactId).catch(() => null),
      loadWalklistOptions(auth, campaignId),
      campaignTimeZone(auth, campaignId),
    ]);
    return { interaction, survey, contact, walklists, timeZone };
  });
  if (!loaded.ok) return <ErrorState title="This interaction could not be loaded for correction" message={loaded.message} retryHref={`${detailHref}/edit`} />;
  const { interaction, survey, contact, walklists, timeZone } = loaded.value;
  const position = contact?.data.profile.address.position?.coordinates;
  return (
    <div className="space-y-4">
      <h2 className="text-xl font-semibold">Correct the visit to {contactName(contact ?? undefined)}</h2>
      <CorrectionForm
        interactionId={interaction.id}
        etag={interaction.meta.etag}
        initial={toFormValues(interaction.data, survey.data.questions, timeZone)}
        questions={survey.data.questions}
        household={position ? { lat: position[1], lng: position[0] } : null}
        walklists={walklists}
        detailHref={detailHref}
        tileUrl={settings.tileUrl}
        tileAttribution={settings.tileAttribution}
        timeZone={timeZone}
      />
    </div>
  );
}
