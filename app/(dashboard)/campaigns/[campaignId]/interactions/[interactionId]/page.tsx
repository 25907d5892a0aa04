import type { Metadata } from 'next';
import { campaignPageMetadata } from '@/lib/interactions/page-title';
import Link from 'next/link';
import { DeleteInteraction } from '@/components/forms/delete-interaction';
import { CorrectionHistory } from '@/components/interactions/correction-history';
import { OutcomeBadge } from '@/components/interactions/outcome-badge';
import { buttonClass } from '@/components/ui/button';
import { listCorrections } from '@/lib/store/corrections';
import { readPaperCredit } from '@/lib/store/paper-credits';
import { WhereMapLoader } from '@/components/map/where-map-loader';
import { Fact, Section } from '@/components/interactions/detail-section';
import { SurveyAnswers } from '@/components/surveys/survey-answers';
import { ErrorState } from '@/components/ui/error-state';
import { readPolis, requireAuth } from '@/lib/auth/session';
import { outcomeOf } from '@/lib/filters/outcome';
import { loadInteractionDetail } from '@/lib/interactions/queries';
import { contactAddress, contactName } from '@/lib/interactions/rows';
import { settings } from '@/lib/settings';
import { loadWalklistOptions } from '@/lib/interactions/filter-choices';
import { walklistName } from '@/lib/interactions/walklists';
import { campaignTimeZone } from '@/lib/time/campaign-zone';
import { formatLocal } from '@/lib/time/format';
import { unitSystemFor } from '@/lib/units/preference';
import { formatMetres, formatMiles } from '@/lib/units/units';

type Props = { params: Promise<{ campaignId: string; interactionId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return campaignPageMetadata('Interaction', (await params).campaignId);
}

export default async function InteractionPage({ params }: Props) {
  const { campaignId, interactionId } = await params;
  const path = `/campaigns/${campaignId}/interactions/${interactionId}`;
  const auth = await requireAuth(path);
  const loaded = await readPolis(path, async () => {
    const detail = await loadInteractionDetail(auth, campaignId, interactionId);
    if (!detail) return null;
    const [units, walklists, corrections, credit, timeZone] = await Promise.all([
      unitSystemFor(auth, campaignId),
      detail.interaction.data.walklistId ? loadWalklistOptions(auth, campaignId).catch(() => []) : Promise.resolve([]),
      listCorrections(auth.organization.id, detail.interaction.id),
      readPaperCredit(auth.organization.id, detail.interaction.id),
      campaignTimeZone(auth, campaignId),
    ]);
    return { ...detail, units, walklists, corrections, credit, timeZone };
  });
  if (!loaded.ok) return <ErrorState title="This interaction could not be loaded" message={loaded.message} retryHref={path} />;
  const { interaction, contact, survey, list, people, units, walklists, corrections, credit, timeZone } = loaded.value;
  const when = (instant: string) => formatLocal(instant, timeZone, 'long');
  const { data, meta } = interaction;
  const position = contact?.data.profile.address.position?.coordinates;
  const household: [number, number] | null = position ? [position[1], position[0]] : null;
  const canvasser: [number, number] | null =
    data.location?.lat !== undefined && data.location?.lng !== undefined ? [data.location.lat, data.location.lng] : null;
  const distance = data.distance !== undefined ? formatMiles(data.distance, units) : null;
  const accuracy = data.location?.confidence !== undefined ? formatMetres(data.location.confidence, units) : null;
  const name = contactName(contact ?? undefined);
  const person = (id: string) => people.get(id) ?? id;
  const firstName = (id: string) => person(id).split(' ')[0];
  const canModify = auth.can('modify@interactions');

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-xl font-semibold">
          Visit to {name}, {when(data.timestamp)}
        </h2>
        <div className="flex items-center gap-3">
          {canvasser && (
            <Link
              href={`/campaigns/${campaignId}/map?lat=${canvasser[0]}&lng=${canvasser[1]}&z=18&selected=${interaction.id}`}
              className="text-sm text-brand-700 hover:underline"
            >
              Show on the map
            </Link>
          )}
          <Link href={`/campaigns/${campaignId}/table?selected=${interaction.id}`} className="text-sm text-brand-700 hover:underline">
            Back to the table
          </Link>
          {canModify && (
            <>
              <Link href={`${path}/edit`} className={buttonClass('primary')}>
                Correct
              </Link>
              <DeleteInteraction interactionId={interaction.id} etag={meta.etag} description={`The visit to ${name} on ${when(data.timestamp)}`} />
            </>
          )}
        </div>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Section title="Contact">
          {contact ? (
            <dl className="grid grid-cols-2 gap-3">
              <Fact label="Name">{name}</Fact>
              <Fact label="List">{list?.data.name ?? data.listId}</Fact>
              <Fact label="Address">{contactAddress(contact)}</Fact>
              <Fact label="Phone">{contact.data.profile.phone?.join(', ') || '—'}</Fact>
              <Fact label="Email">{contact.data.profile.email ?? '—'}</Fact>
              <Fact label="Other visits">
                <Link className="text-brand-700 hover:underline" href={`/campaigns/${campaignId}/table?contact=${contact.id}`}>
                  All interactions with {contact.data.profile.name.first}
                </Link>
              </Fact>
            </dl>
          ) : (
            <p className="text-sm text-slate-600">The contact {data.contactId} could not be loaded.</p>
          )}
        </Section>
        <Section title="Where">
          <WhereMapLoader
            household={household}
            canvasser={canvasser}
            confidence={data.location?.confidence ?? null}
            distanceLabel={distance}
            accuracyLabel={accuracy}
            tileUrl={settings.tileUrl}
            tileAttribution={settings.tileAttribution}
          />
          <dl className="mt-3 grid grid-cols-3 gap-3">
            <Fact label="Distance from household">{distance ?? '—'}</Fact>
            <Fact label="GPS accuracy">{accuracy ?? '—'}</Fact>
            <Fact label="Canvasser position">{canvasser ? `${canvasser[0].toFixed(5)}, ${canvasser[1].toFixed(5)}` : '—'}</Fact>
          </dl>
        </Section>
        <Section title="Outcome">
          <dl className="grid grid-cols-2 gap-3">
            <Fact label="Outcome">
              <OutcomeBadge outcome={outcomeOf(interaction.data)} />
            </Fact>
            <Fact label="Unavailable reason">{data.unavailableReason ?? '—'}</Fact>
            <Fact label="Walklist">{data.walklistId ? walklistName(walklists, data.walklistId) : 'Not on a walklist'}</Fact>
            <Fact label="Canvasser">{credit ? person(credit.canvasserId) : person(meta.createdBy)}</Fact>
            <Fact label="Recorded">
              {when(meta.created)}{' '}
              {credit ? `entered by ${person(credit.enteredBy)} from ${firstName(credit.canvasserId)}’s sheet` : `by ${person(meta.createdBy)}`}
            </Fact>
            <Fact label="Last modified">
              {when(meta.modified)} by {people.get(meta.modifiedBy) ?? meta.modifiedBy}
            </Fact>
          </dl>
        </Section>
        <Section title="Survey">
          <p className="mb-2 text-sm text-slate-600">{survey?.data.name}</p>
          <SurveyAnswers responses={data.survey.responses} questions={survey?.data.questions ?? null} />
        </Section>
      </div>
      <Section title="Correction history">
        <CorrectionHistory corrections={corrections} questions={survey?.data.questions ?? []} units={units} timeZone={timeZone} />
      </Section>
      <details className="rounded-lg border border-slate-200 bg-white p-4">
        <summary className="cursor-pointer text-sm font-medium">Raw JSON (for support)</summary>
        <pre className="mt-3 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">{JSON.stringify(interaction, null, 2)}</pre>
      </details>
    </div>
  );
}
