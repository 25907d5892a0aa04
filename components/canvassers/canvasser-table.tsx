'use client';

import {
  createColumnHelper,
  createSortedRowModel,
  FlexRender,
  rowSortingFeature,
  sortFns,
  tableFeatures,
  useTable,
  type SortingState,
} from '@tanstack/react-table';
import Link from 'next/link';
import { useState } from 'react';

/** One row as the page hands it over: figures, with times already on the campaign's clock. */
export type CanvasserTableRow = {
  id: string;
  name: string;
  href: string;
  attempts: number;
  doors: number;
  contacts: number;
  contactRate: number | null;
  doorsPerHour: number | null;
  surveyCompletion: number | null;
  shifts: number;
  firstSeen: string;
  lastSeen: string;
  /** Epoch seconds, to sort by. */
  lastSeenAt: number;
  openFlags: number;
  flagsHref: string;
};

const percent = (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
const decimal = (value: number | null) => (value === null ? '—' : value.toFixed(1));

const features = tableFeatures({ rowSortingFeature, sortedRowModel: createSortedRowModel(), sortFns });
const column = createColumnHelper<typeof features, CanvasserTableRow>();
const numeric = { meta: { numeric: true } } as const;
const columns = column.columns([
  column.accessor('name', {
    header: 'Canvasser',
    cell: (info) => (
      <Link href={info.row.original.href} className="font-medium text-brand-700 underline-offset-2 hover:underline">
        {info.getValue()}
      </Link>
    ),
  }),
  column.accessor('attempts', { header: 'Attempts', ...numeric }),
  column.accessor('doors', { header: 'Doors', ...numeric }),
  column.accessor('contacts', { header: 'Contacts', ...numeric }),
  column.accessor('contactRate', { header: 'Contact rate', cell: (info) => percent(info.getValue()), sortUndefined: 'last', ...numeric }),
  column.accessor('doorsPerHour', { header: 'Doors per hour', cell: (info) => decimal(info.getValue()), ...numeric }),
  column.accessor('surveyCompletion', { header: 'Survey completion', cell: (info) => percent(info.getValue()), ...numeric }),
  column.accessor('shifts', { header: 'Shifts', ...numeric }),
  column.accessor('firstSeen', { header: 'First seen', enableSorting: false }),
  column.accessor('lastSeenAt', { header: 'Last seen', cell: (info) => info.row.original.lastSeen }),
  column.accessor('openFlags', {
    header: 'Open flags',
    cell: (info) =>
      info.getValue() > 0 ? (
        <Link href={info.row.original.flagsHref} className="text-brand-700 underline">
          {info.getValue()}
        </Link>
      ) : (
        0
      ),
    ...numeric,
  }),
]);

/** Canvassers for the current filters, sortable by any column, the campaign's totals in the last row. */
export function CanvasserTable({ rows, totals }: { rows: CanvasserTableRow[]; totals: Omit<CanvasserTableRow, 'id' | 'name' | 'href' | 'flagsHref'> }) {
  const [sorting, setSorting] = useState<SortingState>([{ id: 'attempts', desc: true }]);
  const table = useTable({ features, columns, data: rows, getRowId: (row) => row.id, state: { sorting }, onSortingChange: setSorting });
  const right = (id: string) => {
    const meta: { numeric?: boolean } | undefined = table.getColumn(id)?.columnDef.meta;
    return meta?.numeric ? 'text-right tabular-nums' : '';
  };
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm" aria-label="Canvassers">
        <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-600">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={`px-3 py-2 ${right(header.column.id)}`}
                    aria-sort={sorted ? (sorted === 'asc' ? 'ascending' : 'descending') : undefined}
                  >
                    {header.column.getCanSort() ? (
                      <button type="button" onClick={header.column.getToggleSortingHandler()} className="uppercase hover:text-slate-900">
                        <FlexRender header={header} />
                        {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                      </button>
                    ) : (
                      <FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-slate-100">
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id}>
              {row.getAllCells().map((cell) => (
                <td key={cell.id} className={`whitespace-nowrap px-3 py-2 ${right(cell.column.id)}`}>
                  <FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t-2 border-slate-300 bg-slate-50 font-semibold">
          <tr>
            <th scope="row" className="px-3 py-2 text-left">
              Campaign total
            </th>
            <td className="px-3 py-2 text-right tabular-nums">{totals.attempts}</td>
            <td className="px-3 py-2 text-right tabular-nums">{totals.doors}</td>
            <td className="px-3 py-2 text-right tabular-nums">{totals.contacts}</td>
            <td className="px-3 py-2 text-right tabular-nums">{percent(totals.contactRate)}</td>
            <td className="px-3 py-2 text-right tabular-nums">{decimal(totals.doorsPerHour)}</td>
            <td className="px-3 py-2 text-right tabular-nums">{percent(totals.surveyCompletion)}</td>
            <td className="px-3 py-2 text-right tabular-nums">{totals.shifts}</td>
            <td className="whitespace-nowrap px-3 py-2">{totals.firstSeen}</td>
            <td className="whitespace-nowrap px-3 py-2">{totals.lastSeen}</td>
            <td className="px-3 py-2 text-right tabular-nums">{totals.openFlags}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
