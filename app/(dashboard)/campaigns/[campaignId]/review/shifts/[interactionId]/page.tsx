import type { Metadata } from 'next';
import { campaignPageMetadata } from '@/lib/interactions/page-title';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { IndexingProgress } from '@/components/interactions/indexing-progress';
import { OutcomeBadge } from '@/components/interactions/outcome-badge';
import { CallList } from '@/components/review/call-list';
import { ResolvePanel } from '@/components/review/resolve-panel';
import { ShiftMapLoader } from '@/components/review/shift-map-loader';
import { ErrorState } from '@/components/ui/error-state';
import { requireAuth, withPolis } from '@/lib/auth/session';
import { outcomeOf } from '@/lib/filters/outcome';
import { loadCampaignContext, loadContacts, loadInteractions } from '@/lib/interactions/queries';
import { contactAddress, contactName } from '@/lib/interactions/rows';
import { loadReviewQueue, statusOf } from '@/lib/review/campaign-queue';
import { STATUS_LABELS } from '@/lib/review/queue-filters';
import { shiftAt } from '@/lib/review/queue';
import { replayLegs } from '@/lib/review/replay';
import { listCalls, resolutionsByInteraction } from '@/lib/review/resolutions';
import { campaignTimeZone } from '@/lib/time/campaign-zone';
import { localClock, localDayLabel } from '@/lib/review/zone';
import { IdSchema } from '@/lib/polis/schemas';
import { settings } from '@/lib/settings';

type Props = { params: Promise<{ campaignId: string; interactionId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return campaignPageMetadata('Review a shift', (await params).campaignId);
}

export default async function ShiftPage({ params }: Props) {
  const { campaignId, interactionId } = await params;
  const base = `/campaigns/${campaignId}/review`;
  const here = `${base}/shifts/${interactionId}`;
  const auth = await requireAuth(here);
  if (!auth.can('modify@interactions') || !IdSchema.safeParse(interactionId).success) notFound();

  const timeZone = await campaignTimeZone(auth, campaignId);
  const [context, loaded, resolutions] = await withPolis(here, () =>
    Promise.all([
      loadCampaignContext(auth, campaignId),
      loadReviewQueue(auth, campaignId, timeZone),
      resolutionsByInteraction(auth.organization.id, campaignId),
    ]),
  );
  if (loaded.state === 'building') return <IndexingProgress loaded={loaded.loaded} total={loaded.total} what="the review queue" />;
  if (loaded.state === 'failed') return <ErrorState title="The review queue could not be computed" message={loaded.message} retryHref={here} />;
  const found = shiftAt(loaded.queue, loaded.index, loaded.index.find(interactionId));
  if (!found) notFound();
  const { shift, review } = found;
  const ids = shift.visits.map((visit) => loaded.index.idAt(Number(visit.id)));

  // Etags and contacts come from Polis itself: a decision acts on the interactions as they are now.
  const interactions = await withPolis(here, () => loadInteractions(auth, ids));
  const contacts = await withPolis(here, () =>
    loadContacts(
      auth,
      [...interactions.values()].map((interaction) => interaction.data.contactId),
    ),
  );
  const { status, resolution } = statusOf(ids, resolutions);
  const calls = resolution?.status === 'recontact' ? await listCalls(auth.organization.id, resolution.id) : [];
  const canvasser = context.people.get(shift.canvasser) ?? 'Unknown canvasser';
  const rows = shift.visits.map((visit, i) => {
    const id = ids[i]!;
    const interaction = interactions.get(id);
    const contact = interaction ? contacts.get(interaction.data.contactId) : undefined;
    return {
      number: i + 1,
      id,
      visit,
      interaction,
      name: contactName(contact),
      address: contactAddress(contact),
      points: review.visitScores.get(visit.id) ?? 0,
      rules: review.visitRules.get(visit.id) ?? [],
    };
  });
  const successful = shift.visits.filter((visit) => visit.successful).length;

  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link href={base} className="text-brand-700 underline-offset-2 hover:underline">
          ← Review queue
        </Link>
      </p>
      <div>
        <h2 className="text-xl font-semibold">
          {canvasser}, {localDayLabel(timeZone, shift.visits[0]!.time)}, {localClock(timeZone, shift.visits[0]!.time)}–
          {localClock(timeZone, shift.visits.at(-1)!.time)} ({timeZone})
        </h2>
        <p className="text-sm text-slate-600">
          {shift.visits.length} doors, score {review.score} of 10, status {STATUS_LABELS[status]}
          {resolution && ` (last decision by ${resolution.userName}: “${resolution.reason}”, rule set ${resolution.ruleSetVersion})`}
        </p>
      </div>
      <section aria-labelledby="reasons-title" className="rounded-lg border border-slate-200 bg-white p-4">
        <h3 id="reasons-title" className="font-semibold">
          Why this shift is here
        </h3>
        {review.reasons.length === 0 ? (
          <p className="text-sm text-slate-600">No rule flags this shift.</p>
        ) : (
          <ul className="mt-2 space-y-1 text-sm">
            {review.reasons.map((reason, i) => (
              <li key={i} id={`reason-${reason.rule}`}>
                <span className="font-mono text-xs text-slate-500">{reason.rule}</span> {reason.sentence}
              </li>
            ))}
          </ul>
        )}
        {review.notes.length > 0 && (
          <ul className="mt-2 space-y-1 text-sm text-slate-600" aria-label="Notes without points">
            {review.notes.map((note, i) => (
              <li key={i}>
                <span className="font-mono text-xs">{note.rule}</span> {note.sentence}
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="grid gap-4 xl:grid-cols-2">
        <ShiftMapLoader
          tileUrl={settings.tileUrl}
          tileAttribution={settings.tileAttribution}
          legs={replayLegs(shift, loaded.queue.settings)}
          points={rows.map((row) => ({
            number: row.number,
            position: row.visit.position && !row.visit.paper ? [row.visit.position.lat, row.visit.position.lng] : null,
            home: row.visit.home ? [row.visit.home.lat, row.visit.home.lng] : null,
            flagged: row.points > 0,
            label: `${localClock(timeZone, row.visit.time)}, ${row.name}`,
          }))}
        />
        <div className="max-h-[32rem] overflow-y-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" aria-label="Interactions of the shift">
            <thead className="sticky top-0 bg-slate-50 text-left text-xs uppercase text-slate-600">
              <tr>
                <th scope="col" className="px-2 py-2">
                  #
                </th>
                <th scope="col" className="px-2 py-2">
                  Time
                </th>
                <th scope="col" className="px-2 py-2">
                  Contact
                </th>
                <th scope="col" className="px-2 py-2">
                  Outcome
                </th>
                <th scope="col" className="px-2 py-2">
                  Reasons
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.id} className={row.points > 0 ? 'bg-red-50' : undefined}>
                  <td className="px-2 py-1 tabular-nums">{row.number}</td>
                  <td className="whitespace-nowrap px-2 py-1">{localClock(timeZone, row.visit.time)}</td>
                  <td className="px-2 py-1">
                    <Link href={`/campaigns/${campaignId}/interactions/${row.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                      {row.name}
                    </Link>
                    <span className="block text-xs text-slate-600">{row.address}</span>
                  </td>
                  <td className="px-2 py-1">{row.interaction && <OutcomeBadge outcome={outcomeOf(row.interaction.data)} />}</td>
                  <td className="px-2 py-1">
                    {row.points > 0 && <span className="mr-1 font-semibold">{row.points} pts</span>}
                    {row.rules.map((rule) => (
                      <a key={rule} href={`#reason-${rule}`} className="mr-1 font-mono text-xs text-brand-700 underline">
                        {rule}
                      </a>
                    ))}
                    {row.visit.paper && <span className="text-xs text-slate-500">paper entry</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      {calls.length > 0 && resolution && (
        <section aria-labelledby="calls-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h3 id="calls-title" className="font-semibold">
            Recontact calls
          </h3>
          <p className="text-sm">
            <a href={`${base}/calls/${resolution.id}`} className="text-brand-700 underline" download>
              Download the call list (CSV)
            </a>
          </p>
          <CallList campaignId={campaignId} calls={calls} />
        </section>
      )}
      <ResolvePanel
        campaignId={campaignId}
        interactionId={ids[0]!}
        shownIds={ids}
        successful={successful}
        removable={rows
          .filter((row) => row.interaction)
          .map((row) => ({ id: row.id, etag: row.interaction!.meta.etag, label: `#${row.number} ${localClock(timeZone, row.visit.time)} ${row.name}` }))}
      />
    </div>
  );
}
