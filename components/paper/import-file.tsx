'use client';

import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { loadImportContext, sendImportRows } from '@/lib/paper/import-actions';
import type { ImportOutcome } from '@/lib/paper/import-service';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, previewImport, resultCsv, type ImportContext, type ImportPreview } from '@/lib/paper/import-csv';

type Props = { campaignId: string; surveys: { id: string; name: string }[]; canvassers: { id: string; name: string }[] };

/** Batches in flight: the server runs a few creates per batch, so this stays within Polis's rate limits. */
const BATCHES_IN_FLIGHT = 4;
const BATCH = 100;

type Progress = { created: number; present: number; refused: number; done: number; total: number };

/** Choose a file, see every row's problems, then send the good rows; the result downloads as a CSV. */
export function ImportFile({ campaignId, surveys, canvassers }: Props) {
  const [surveyId, setSurveyId] = useState(surveys[0]?.id ?? '');
  const [canvasser, setCanvasser] = useState('');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState<'checking' | 'sending' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcomes, setOutcomes] = useState<ImportOutcome[] | null>(null);
  const [contexts] = useState(() => new Map<string, ImportContext>());

  async function check(text: string, survey: string, credit: string) {
    setBusy('checking');
    setMessage(null);
    setOutcomes(null);
    setProgress(null);
    try {
      let context = contexts.get(survey);
      if (!context) {
        const loaded = await loadImportContext({ campaignId, surveyId: survey });
        if (!loaded.ok || !loaded.context) return setMessage(loaded.message ?? 'The campaign could not be loaded.');
        context = loaded.context;
        contexts.set(survey, context);
      }
      setPreview(await previewImport(text, { ...context, defaultCanvasser: credit }));
    } finally {
      setBusy(null);
    }
  }

  async function onFile(chosen: File | undefined) {
    if (!chosen) return;
    if (chosen.size > IMPORT_MAX_BYTES) {
      setFile(null);
      setPreview(null);
      return setMessage(
        `The file is ${(chosen.size / 1024 / 1024).toFixed(1)} MB; import at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB (${IMPORT_MAX_ROWS.toLocaleString('en-US')} rows) at a time.`,
      );
    }
    const text = await chosen.text();
    setFile({ name: chosen.name, text });
    await check(text, surveyId, canvasser);
  }

  const good = useMemo(() => preview?.rows.filter((r) => r.values) ?? [], [preview]);
  const bad = useMemo(() => preview?.rows.filter((r) => r.problems.length) ?? [], [preview]);

  async function send() {
    if (!preview) return;
    setBusy('sending');
    setMessage(null);
    const batches: (typeof good)[] = [];
    for (let i = 0; i < good.length; i += BATCH) batches.push(good.slice(i, i + BATCH));
    const results: ImportOutcome[] = [];
    const counts: Progress = { created: 0, present: 0, refused: 0, done: 0, total: good.length };
    setProgress({ ...counts });
    let next = 0;
    let stop: string | null = null;
    await Promise.all(
      Array.from({ length: Math.min(BATCHES_IN_FLIGHT, batches.length) }, async () => {
        while (next < batches.length && !stop) {
          const batch = batches[next++]!;
          const state = await sendImportRows({ campaignId, surveyId, rows: batch.map((r) => ({ line: r.line, values: r.values! })) }).catch(
            () => ({ ok: false, message: 'The dashboard could not be reached.' }) as const,
          );
          if (!state.ok || !('outcomes' in state) || !state.outcomes) {
            stop = state.message ?? 'Sending stopped.';
            break;
          }
          for (const outcome of state.outcomes) counts[outcome.result] += 1;
          counts.done += batch.length;
          results.push(...state.outcomes);
          setProgress({ ...counts });
        }
      }),
    );
    const skipped: ImportOutcome[] = bad.map((r) => ({ line: r.line, id: r.id, result: 'refused', message: `Not sent: ${r.problems.join('; ')}` }));
    setOutcomes([...results, ...skipped].sort((a, b) => a.line - b.line));
    if (stop) setMessage(`Sending stopped: ${stop} What was sent is counted below; import the same file again to send the rest (nothing is created twice).`);
    setBusy(null);
  }

  const download = useMemo(() => {
    if (!outcomes || !preview) return null;
    const contact = new Map(preview.rows.map((r) => [r.line, r.contact]));
    const text = resultCsv(
      outcomes.map((o) => ({
        line: o.line,
        id: o.id,
        contact: contact.get(o.line) ?? '',
        outcome: o.result === 'refused' && o.message.startsWith('Not sent') ? 'skipped' : o.result,
        message: o.message,
      })),
    );
    return URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  }, [outcomes, preview]);

  const field = 'mt-1 block rounded border border-slate-300 px-2 py-1 text-sm';
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-4 rounded border border-slate-200 p-3">
        <label className="text-sm">
          Survey
          <select
            value={surveyId}
            onChange={(e) => {
              setSurveyId(e.target.value);
              if (file) void check(file.text, e.target.value, canvasser);
            }}
            className={field}
          >
            {surveys.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          Canvasser for rows without one
          <select
            value={canvasser}
            onChange={(e) => {
              setCanvasser(e.target.value);
              if (file) void check(file.text, surveyId, e.target.value);
            }}
            className={field}
          >
            <option value="">None: the file names them</option>
            {canvassers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          CSV file
          <input type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e.target.files?.[0])} className="mt-1 block text-sm" />
        </label>
      </div>
      {busy === 'checking' && <p role="status">Checking the file…</p>}
      {message && (
        <p role="alert" className="text-red-700">
          {message}
        </p>
      )}
      {preview && (
        <section aria-label="Preview" className="space-y-3">
          {preview.fileProblems.map((p) => (
            <p key={p} role="alert" className="text-red-700">
              {p}
            </p>
          ))}
          {preview.format && (
            <p role="status" aria-label="Preview summary">
              {preview.rows.length} rows read ({preview.format === 'export' ? 'the dashboard’s export' : 'the simple format'}): {good.length} ready to send,{' '}
              {bad.length} with problems.
            </p>
          )}
          {bad.length > 0 && (
            <table className="w-full text-sm" aria-label="Rows with problems">
              <thead>
                <tr className="text-left">
                  <th scope="col">Line</th>
                  <th scope="col">Contact</th>
                  <th scope="col">Problems</th>
                </tr>
              </thead>
              <tbody>
                {bad.slice(0, 500).map((r) => (
                  <tr key={r.line} className="border-t border-slate-200 align-top">
                    <td>{r.line}</td>
                    <td>{r.contact}</td>
                    <td>
                      <ul>
                        {r.problems.map((p) => (
                          <li key={p}>{p}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {bad.length > 500 && <p className="text-sm">The first 500 rows with problems are shown; the result file lists them all.</p>}
          {good.length > 0 && !outcomes && (
            <Button type="button" onClick={() => void send()} disabled={busy !== null}>
              Send {good.length} rows{bad.length ? ` (skip ${bad.length} with problems)` : ''}
            </Button>
          )}
        </section>
      )}
      {progress && (
        <p role="status" aria-label="Import progress">
          {progress.done} of {progress.total} sent: {progress.created} created, {progress.present} already imported, {progress.refused} refused.
        </p>
      )}
      {outcomes && download && (
        <a href={download} download={`import-result-${file?.name ?? 'file.csv'}`} className="text-brand-700 underline">
          Download the result (CSV)
        </a>
      )}
    </div>
  );
}
