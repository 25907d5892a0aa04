'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { saveSheetRow } from '@/lib/paper/actions';
import { answerCodes } from '@/lib/paper/codes';
import { emptyCells, isBlank, readGridRow, type GridCells } from '@/lib/paper/grid-row';
import type { SheetHousehold } from '@/lib/paper/sheet-household';
import type { Question } from '@/lib/polis/schemas';

type Status = 'empty' | 'draft' | 'invalid' | 'saving' | 'saved' | 'refused';
type Row = { cells: GridCells; id?: string; status: Status; message?: string; errors?: Record<string, string>; savedCells?: string };
type Stored = { canvasser: string; time: string; rows: Record<string, Row> };

type Props = {
  campaignId: string;
  surveyId: string;
  questions: Question[];
  households: SheetHousehold[];
  zone: string;
  date: string;
  canvasser: string;
  canvassers: { id: string; name: string }[];
};

function readStored(key: string): Stored | null {
  try {
    const stored = JSON.parse(window.localStorage.getItem(key) ?? 'null') as Stored | null;
    // A save cut short by the reload is sent again: same id, same interaction.
    for (const row of Object.values(stored?.rows ?? {})) if (row.status === 'saving') row.status = 'draft';
    return stored;
  } catch {
    return null;
  }
}

const STATUS_LABEL: Record<Status, string> = {
  empty: 'Not knocked',
  draft: 'Draft',
  invalid: 'Needs attention',
  saving: 'Saving…',
  saved: 'Saved',
  refused: 'Refused',
};

/**
 * The walk sheet typed back, keyboard first. Rows are kept in localStorage
 * until saved, each with the id it got when first filled, so a reload, a
 * retry or a second Enter sends the same interaction again, never a new one.
 */
export default function EntryGrid({ campaignId, surveyId, questions, households, zone, date, canvasser: initialCanvasser, canvassers }: Props) {
  const storageKey = `paper-grid:${campaignId}:${surveyId}:${date}:${households[0]?.contactId ?? ''}`;
  // Rendered in the browser only (see the loader), so the kept rows are read as the grid starts.
  const [stored] = useState(() => readStored(storageKey));
  const [canvasser, setCanvasser] = useState(stored?.canvasser || initialCanvasser);
  const [time, setTime] = useState(stored?.time || '17:00');
  const [rows, setRows] = useState<Record<string, Row>>(stored?.rows ?? {});
  const rowsRef = useRef(rows);
  const settings = useRef({ canvasser, time });
  const table = useRef<HTMLTableElement>(null);
  const currentRow = useRef<number | null>(null);

  const columns = ['outcome', 'reason', ...questions.map((q) => q.questionId), 'time'];

  useEffect(() => {
    settings.current = { canvasser, time };
    window.localStorage.setItem(storageKey, JSON.stringify({ canvasser, time, rows } satisfies Stored));
  }, [storageKey, canvasser, time, rows]);

  const update = useCallback((contactId: string, change: (row: Row) => Row) => {
    setRows((all) => {
      const next = { ...all, [contactId]: change(all[contactId] ?? { cells: emptyCells(), status: 'empty' }) };
      rowsRef.current = next;
      return next;
    });
  }, []);

  const leaveRow = useCallback(
    async (index: number) => {
      const household = households[index];
      if (!household) return;
      const row = rowsRef.current[household.contactId];
      if (!row || isBlank(row.cells)) return;
      const fingerprint = JSON.stringify(row.cells) + settings.current.time;
      if ((row.status === 'saved' || row.status === 'saving') && row.savedCells === fingerprint) return;
      const id = row.id ?? crypto.randomUUID();
      const read = readGridRow(row.cells, {
        household,
        questions,
        zone,
        surveyId,
        id,
        date,
        time: settings.current.time,
        canvasserId: settings.current.canvasser,
      });
      if (!read.ok) {
        update(household.contactId, (r) => ({ ...r, id, status: 'invalid', errors: read.errors, message: Object.values(read.errors)[0] }));
        return;
      }
      update(household.contactId, (r) => ({ ...r, id, status: 'saving', errors: undefined, message: undefined, savedCells: fingerprint }));
      const result = await saveSheetRow({ campaignId, values: read.values }).catch(() => ({
        ok: false,
        message: 'The dashboard could not be reached; the row is kept and will be sent when you leave it again.',
      }));
      update(household.contactId, (r) =>
        result.ok
          ? { ...r, status: r.savedCells === fingerprint ? 'saved' : 'draft' }
          : { ...r, status: 'refused', message: result.message, errors: 'fieldErrors' in result ? result.fieldErrors : undefined, savedCells: undefined },
      );
    },
    [households, questions, zone, surveyId, date, campaignId, update],
  );

  // Rows left unsaved by a reload or an expired session are sent once the page is back.
  useEffect(() => {
    households.forEach((h, i) => {
      const row = rowsRef.current[h.contactId];
      if (row && (row.status === 'draft' || row.status === 'saving')) void leaveRow(i);
    });
    // Once, as the grid opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function focusCell(rowIndex: number, column: number) {
    const cell = table.current?.querySelector<HTMLInputElement>(`[data-row="${rowIndex}"][data-col="${column}"]`);
    cell?.focus();
    cell?.select();
  }

  function onFocus(rowIndex: number) {
    const previous = currentRow.current;
    currentRow.current = rowIndex;
    if (previous !== null && previous !== rowIndex) void leaveRow(previous);
  }

  function onGridBlur(event: React.FocusEvent) {
    if (table.current?.contains(event.relatedTarget) || currentRow.current === null) return;
    const left = currentRow.current;
    currentRow.current = null;
    void leaveRow(left);
  }

  function setCell(contactId: string, column: string, value: string) {
    update(contactId, (row) => {
      const cells = { ...row.cells, answers: { ...row.cells.answers } };
      if (column === 'outcome' || column === 'reason' || column === 'time') cells[column] = value;
      else cells.answers[column] = value;
      return {
        ...row,
        cells,
        status: isBlank(cells) ? 'empty' : row.status === 'saved' || row.status === 'saving' ? 'draft' : row.status === 'empty' ? 'draft' : row.status,
        savedCells: row.savedCells,
      };
    });
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>, rowIndex: number, column: number) {
    const input = event.currentTarget;
    const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
    const atEnd = input.selectionStart === input.value.length;
    if (event.key === 'Enter') {
      event.preventDefault();
      if (rowIndex + 1 < households.length) focusCell(rowIndex + 1, 0);
      else void leaveRow(rowIndex);
    } else if (event.key === 'ArrowDown' && rowIndex + 1 < households.length) {
      event.preventDefault();
      focusCell(rowIndex + 1, column);
    } else if (event.key === 'ArrowUp' && rowIndex > 0) {
      event.preventDefault();
      focusCell(rowIndex - 1, column);
    } else if (event.key === 'ArrowRight' && (atEnd || input.selectionEnd === input.value.length) && column + 1 < columns.length) {
      event.preventDefault();
      focusCell(rowIndex, column + 1);
    } else if (event.key === 'ArrowLeft' && (atStart || input.value === '') && column > 0) {
      event.preventDefault();
      focusCell(rowIndex, column - 1);
    }
  }

  function onPaste(event: React.ClipboardEvent<HTMLInputElement>, rowIndex: number, column: number) {
    const text = event.clipboardData.getData('text/plain');
    if (!/[\t\n]/.test(text)) return;
    event.preventDefault();
    const lines = text.replace(/\r/g, '').replace(/\n$/, '').split('\n');
    lines.forEach((line, i) => {
      const household = households[rowIndex + i];
      if (!household) return;
      line.split('\t').forEach((value, j) => {
        const key = columns[column + j];
        if (key) setCell(household.contactId, key, value.trim());
      });
    });
    // Pasted rows are left as soon as they land; the row being typed in is left later.
    setTimeout(() => lines.forEach((_, i) => (i > 0 || rowIndex + i !== currentRow.current ? void leaveRow(rowIndex + i) : undefined)), 0);
  }

  const counts = Object.values(rows).reduce<Record<Status, number>>((acc, r) => ({ ...acc, [r.status]: acc[r.status] + 1 }), {
    empty: 0,
    draft: 0,
    invalid: 0,
    saving: 0,
    saved: 0,
    refused: 0,
  });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-4 rounded border border-slate-200 p-3">
        <label className="text-sm">
          Whose sheet is this?
          <select value={canvasser} onChange={(e) => setCanvasser(e.target.value)} required className="mt-1 block rounded border border-slate-300 px-2 py-1">
            <option value="">Choose the canvasser</option>
            {canvassers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          Time of the visits on {date}
          <input type="time" value={time} onChange={(e) => setTime(e.target.value)} className="mt-1 block rounded border border-slate-300 px-2 py-1" />
        </label>
        <p className="text-sm text-slate-600" role="status" aria-label="Grid progress">
          {counts.saved} saved · {counts.saving} saving · {counts.draft + counts.invalid} to fix or send · {counts.refused} refused
        </p>
      </div>
      <p className="text-xs text-slate-600">
        Outcome S successful, H home not successful, N not available. Reason NH, RF, MV, LB, IB, CB, DC or text.
        {questions.map((q, i) => {
          const codes = answerCodes(q);
          return ` Q${i + 1}: ${codes.length ? codes.map((c) => `${c.code} ${c.text}`).join(', ') : 'text'}.`;
        })}{' '}
        Arrows and Tab move, Enter goes to the next row; an empty row sends nothing.
      </p>
      <div className="overflow-x-auto">
        <table ref={table} className="w-full border-collapse text-sm" aria-label="Sheet entry grid" onBlur={onGridBlur}>
          <thead>
            <tr className="border-b border-slate-300 text-left">
              <th scope="col">#</th>
              <th scope="col">Household</th>
              <th scope="col">Outcome</th>
              <th scope="col">Reason</th>
              {questions.map((q, i) => (
                <th key={q.questionId} scope="col" title={q.text}>
                  Q{i + 1}
                </th>
              ))}
              <th scope="col">Time</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {households.map((household, rowIndex) => {
              const row = rows[household.contactId] ?? { cells: emptyCells(), status: 'empty' as const };
              return (
                <tr key={household.contactId} className="border-b border-slate-200 align-top" aria-label={`Row ${rowIndex + 1}: ${household.name}`}>
                  <td className="pr-1 text-slate-500">{rowIndex + 1}</td>
                  <td className="pr-2">
                    <div>{household.name}</div>
                    <div className="text-xs text-slate-500">{household.address}</div>
                  </td>
                  {columns.map((key, column) => {
                    const value = key === 'outcome' || key === 'reason' || key === 'time' ? row.cells[key] : (row.cells.answers[key] ?? '');
                    const question = questions.find((q) => q.questionId === key);
                    const label =
                      key === 'outcome' ? 'Outcome' : key === 'reason' ? 'Reason' : key === 'time' ? 'Time' : `Q${questions.indexOf(question!) + 1}`;
                    const error = row.errors?.[key === 'outcome' || key === 'reason' || key === 'time' ? key : `answers.${key}`];
                    return (
                      <td key={key} className="p-0.5">
                        <input
                          data-row={rowIndex}
                          data-col={column}
                          aria-label={`${label}, row ${rowIndex + 1}`}
                          aria-invalid={error ? true : undefined}
                          title={error}
                          placeholder={key === 'time' ? time : undefined}
                          value={value}
                          onChange={(e) => setCell(household.contactId, key, e.target.value)}
                          onFocus={() => onFocus(rowIndex)}
                          onKeyDown={(e) => onKeyDown(e, rowIndex, column)}
                          onPaste={(e) => onPaste(e, rowIndex, column)}
                          className={`w-full min-w-12 rounded border px-1 py-0.5 ${error ? 'border-red-600' : 'border-slate-300'}`}
                        />
                      </td>
                    );
                  })}
                  <td className="min-w-32 text-xs" data-testid="row-state">
                    <span
                      className={
                        row.status === 'saved' ? 'text-green-700' : row.status === 'refused' || row.status === 'invalid' ? 'text-red-700' : 'text-slate-600'
                      }
                    >
                      {STATUS_LABEL[row.status]}
                    </span>
                    {row.message && <div className="text-red-700">{row.message}</div>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
