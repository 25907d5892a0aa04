import type { Metadata } from 'next';
import { campaignPageMetadata } from '@/lib/interactions/page-title';
import { notFound } from 'next/navigation';
import { campaignCanvassers } from '@/lib/canvassers/campaign-figures';
import { ImportFile } from '@/components/paper/import-file';
import { EmptyState } from '@/components/ui/error-state';
import { requireAuth, withPolis } from '@/lib/auth/session';
import { PAPER_PERMISSION } from '@/lib/paper/access';
import { SIMPLE_COLUMNS } from '@/lib/paper/import-csv';
import { OUTCOME_CODES, REASON_CODES } from '@/lib/paper/codes';
import { eq } from '@/lib/polis/filter';
import { campaignTimeZone } from '@/lib/time/campaign-zone';
import { zoneLabel } from '@/lib/time/format';

type Props = { params: Promise<{ campaignId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return campaignPageMetadata('Import visits', (await params).campaignId);
}

export default async function ImportPage({ params }: Props) {
  const { campaignId } = await params;
  const path = `/campaigns/${campaignId}/import`;
  const auth = await requireAuth(path);
  if (!auth.can(PAPER_PERMISSION)) notFound();
  const [surveys, zone, canvassers] = await withPolis(path, () =>
    Promise.all([
      auth.polis.listSurveys({ filter: eq('/data/campaignId', campaignId), limit: 100 }),
      campaignTimeZone(auth, campaignId),
      campaignCanvassers(auth, campaignId),
    ]),
  );
  if (surveys.data.length === 0)
    return <EmptyState title="This campaign has no survey">An interaction records a survey; create one in Polis first.</EmptyState>;
  return (
    <div className="space-y-4">
      <h2 className="text-xl font-semibold">Import visits from a file</h2>
      <details className="rounded border border-slate-200 p-3 text-sm">
        <summary className="cursor-pointer font-medium">Which files are read</summary>
        <p className="mt-2">
          The dashboard’s own interactions export (CSV), as downloaded from the table: rows that carry an interaction id Polis already holds are reported as
          present.
        </p>
        <p className="mt-2">
          Or a simple CSV with the columns <code>{SIMPLE_COLUMNS.join(', ')}</code>, then one column per question headed by the question’s text:
        </p>
        <ul className="mt-1 list-disc pl-5">
          <li>
            <strong>Contact id</strong>, or <strong>Name</strong> and <strong>Address</strong> as Polis has them.
          </li>
          <li>
            <strong>Time</strong>: <code>YYYY-MM-DD HH:MM</code> on the campaign’s clock ({zoneLabel(zone)}).
          </li>
          <li>
            <strong>Outcome</strong>:{' '}
            {Object.entries(OUTCOME_CODES)
              .map(([c, o]) => `${c} (${o})`)
              .join(', ')}{' '}
            or its name. <strong>Reason</strong>: {Object.keys(REASON_CODES).join(', ')} or any text.
          </li>
          <li>Answers as the option’s text or the walk sheet’s code; several choices separated by “;”.</li>
          <li>
            <strong>Canvasser</strong>: whose sheet it was, by name as the dashboard lists people (or choose one for the whole file below).
          </li>
        </ul>
        <p className="mt-2">Each row’s interaction id comes from the file’s content, so importing the same file again creates nothing new.</p>
      </details>
      <ImportFile campaignId={campaignId} surveys={surveys.data.map((s) => ({ id: s.id, name: s.data.name }))} canvassers={canvassers} />
    </div>
  );
}
