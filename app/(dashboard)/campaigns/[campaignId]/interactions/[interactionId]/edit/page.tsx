import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CorrectionForm } from '@/components/forms/correction-form';
import { ErrorState } from '@/components/ui/error-state';
import { requireAuth, withPolis } from '@/lib/auth/session';
import { toFormValues } from '@/lib/interactions/correction';
import { contactName } from '@/lib/interactions/rows';
import { PolisApiError } from '@/lib/polis/client';
import { settings } from '@/lib/settings';
import { campaignTimeZone } from '@/lib/time/campaign-zone';

export const metadata: Metadata = { title: 'Correct an interaction' };

type Props = { params: Promise<{ campaignId: string; interactionId: string }> };

export default async function EditInteractionPage({ params }: Props) {
  const { campaignId, interactionId } = await params;
  const detailHref = `/campaigns/${campaignId}/interactions/${interactionId}`;
  const auth = await requireAuth(`${detailHref}/edit`);
  if (!auth.can('modify@interactions')) {
    return <ErrorState title="You cannot correct interactions" message={`Your role (${auth.role}) may read interactions but not change them. Ask an organizer.`} />;
  }
  let loaded;
  try {
    loaded = await withPolis(`${detailHref}/edit`, async () => {
      const interaction = await auth.polis.getInteraction(interactionId);
      if (interaction.data.campaignId !== campaignId) return null;
      const [survey, contact, timeZone] = await Promise.all([
        auth.polis.getSurvey(interaction.data.survey.surveyId),
        auth.polis.getContact(interaction.data.contactId).catch(() => null),
        campaignTimeZone(auth, campaignId),
      ]);
      return { interaction, survey, contact, timeZone };
    });
  } catch (error) {
    if (error instanceof PolisApiError && (error.status === 404 || error.status === 400)) notFound();
    if (!(error instanceof PolisApiError)) throw error;
    return <ErrorState title="This interaction could not be loaded for correction" message={`Polis answered: ${error.message}`} retryHref={`${detailHref}/edit`} />;
  }
  if (!loaded) notFound();
  const { interaction, survey, contact, timeZone } = loaded;
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
        detailHref={detailHref}
        tileUrl={settings.tileUrl}
        tileAttribution={settings.tileAttribution}
        timeZone={timeZone}
      />
    </div>
  );
}
