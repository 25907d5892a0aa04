'use client';

import {
  columnOrderingFeature,
  columnVisibilityFeature,
  createColumnHelper,
  FlexRender,
  tableFeatures,
  useTable,
  type ColumnOrderState,
  type ColumnVisibilityState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { RowFacts } from '@/lib/interactions/rows';
import { OutcomeBadge } from './outcome-badge';

/** A table row: the facts every view shows, the detail's link and the answers in short. */
export type InteractionRow = RowFacts & {
  href: string;
  answers: string;
  distanceText: string;
  confidenceText: string;
  /** The time on the campaign's clock, formatted by the server. */ localTime: string;
};

export type SortLink = { href: string; direction: 'asc' | 'desc' | null };

const features = tableFeatures({ columnVisibilityFeature, columnOrderingFeature });
const column = createColumnHelper<typeof features, InteractionRow>();

const columns = column.columns([
  column.accessor('time', { id: 'timestamp', header: 'Time', cell: (info) => <span className="whitespace-nowrap">{info.row.original.localTime}</span> }),
  column.accessor('contactName', {
    id: 'contact',
    header: 'Contact',
    cell: (info) => (
      <div className="max-w-[22rem] truncate" title={`${info.getValue()}, ${info.row.original.address}`}>
        <Link href={info.row.original.href} className="font-medium text-brand-700 hover:underline">
          {info.getValue()}
        </Link>
        <span className="text-xs text-slate-500"> · {info.row.original.address}</span>
      </div>
    ),
  }),
  column.accessor('canvasser', { header: 'Canvasser', cell: (info) => <span className="whitespace-nowrap">{info.getValue()}</span> }),
  column.accessor('list', { header: 'List', cell: (info) => <span className="whitespace-nowrap">{info.getValue()}</span> }),
  column.accessor('outcome', {
    header: 'Outcome',
    cell: (info) => (
      <span className="whitespace-nowrap">
        <OutcomeBadge outcome={info.getValue()} />
      </span>
    ),
  }),
  column.accessor('unavailableReason', {
    id: 'reason',
    header: 'Unavailable reason',
    cell: (info) => <span className="whitespace-nowrap">{info.getValue()}</span>,
  }),
  column.accessor('distanceText', {
    id: 'distance',
    header: 'Distance',
    cell: (info) => <span className="whitespace-nowrap tabular-nums">{info.getValue()}</span>,
  }),
  column.accessor('confidenceText', {
    id: 'confidence',
    header: 'GPS accuracy',
    cell: (info) => <span className="whitespace-nowrap tabular-nums">{info.getValue()}</span>,
  }),
  column.accessor('answers', {
    header: 'Answers',
    cell: (info) => (
      <span className="block max-w-[28rem] truncate text-xs text-slate-600" title={info.getValue()}>
        {info.getValue()}
      </span>
    ),
  }),
]);

/** Row heights of the two densities: dense (the default) shows about 18 rows at 1440×900. */
const ROW_HEIGHTS = { dense: 30, comfortable: 56 } as const;
type Density = keyof typeof ROW_HEIGHTS;

/** Column visibility and order, remembered per user in this browser. */
function useRememberedLayout(storageKey: string) {
  const [columnVisibility, setColumnVisibility] = useState<ColumnVisibilityState>({});
  const [columnOrder, setColumnOrder] = useState<ColumnOrderState>([]);
  const [density, setDensity] = useState<Density>('dense');
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    try {
      const saved = JSON.parse(localStorage.getItem(storageKey) ?? '{}') as { visibility?: ColumnVisibilityState; order?: ColumnOrderState; density?: Density };
      // Reading the browser's storage after mount keeps server and client renders equal.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      if (saved.visibility) setColumnVisibility(saved.visibility);
      if (saved.order) setColumnOrder(saved.order);
      if (saved.density && saved.density in ROW_HEIGHTS) setDensity(saved.density);
    } catch {
      // A damaged entry is ignored.
    }
    setLoaded(true);
  }, [storageKey]);
  useEffect(() => {
    if (loaded) localStorage.setItem(storageKey, JSON.stringify({ visibility: columnVisibility, order: columnOrder, density }));
  }, [loaded, storageKey, columnVisibility, columnOrder, density]);
  return { columnVisibility, setColumnVisibility, columnOrder, setColumnOrder, density, setDensity };
}

/** `toolbar`: the page's own controls (paging, export), on one line with the density and columns, to leave the screen to rows. */
type Props = { rows: InteractionRow[]; sortLinks: Record<string, SortLink>; storageKey: string; selectedId?: string; toolbar?: React.ReactNode };

export function InteractionsTable({ rows, sortLinks, storageKey, selectedId, toolbar }: Props) {
  const router = useRouter();
  const layout = useRememberedLayout(storageKey);
  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (row) => row.id,
    state: { columnVisibility: layout.columnVisibility, columnOrder: layout.columnOrder },
    onColumnVisibilityChange: layout.setColumnVisibility,
    onColumnOrderChange: layout.setColumnOrder,
  });
  const scroller = useRef<HTMLDivElement>(null);
  const rowHeight = ROW_HEIGHTS[layout.density];
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 12 });
  // A new density changes every row's height: the virtualizer's estimates are dropped.
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);
  const items = virtualizer.getVirtualItems();
  const tableRows = table.getRowModel().rows;
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items.at(-1)!.end : 0;
  const leafColumns = table.getAllLeafColumns();

  const move = (id: string, by: number) => {
    const order = leafColumns.map((c) => c.id);
    const from = order.indexOf(id);
    const to = from + by;
    if (to < 0 || to >= order.length) return;
    [order[from], order[to]] = [order[to]!, order[from]!];
    layout.setColumnOrder(order);
  };

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2">
        {toolbar}
        <fieldset className="flex items-center gap-3 text-sm">
          <legend className="sr-only">Row density</legend>
          {(Object.keys(ROW_HEIGHTS) as Density[]).map((option) => (
            <label key={option} className="flex items-center gap-1.5">
              <input type="radio" name="density" checked={layout.density === option} onChange={() => layout.setDensity(option)} />
              {option === 'dense' ? 'Dense rows' : 'Comfortable rows'}
            </label>
          ))}
        </fieldset>
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-700">Columns</summary>
          <ul className="mt-2 grid gap-1 sm:grid-cols-3" aria-label="Columns">
            {leafColumns.map((c) => (
              <li key={c.id} className="flex items-center gap-2">
                <label className="flex items-center gap-1.5">
                  <input type="checkbox" checked={c.getIsVisible()} onChange={c.getToggleVisibilityHandler()} />
                  {typeof c.columnDef.header === 'string' ? c.columnDef.header : c.id}
                </label>
                <button
                  type="button"
                  className="text-xs text-slate-500 hover:text-slate-900"
                  aria-label={`Move ${String(c.columnDef.header)} left`}
                  onClick={() => move(c.id, -1)}
                >
                  ←
                </button>
                <button
                  type="button"
                  className="text-xs text-slate-500 hover:text-slate-900"
                  aria-label={`Move ${String(c.columnDef.header)} right`}
                  onClick={() => move(c.id, 1)}
                >
                  →
                </button>
              </li>
            ))}
          </ul>
        </details>
      </div>
      <div ref={scroller} className="max-h-[70vh] overflow-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full border-collapse text-sm" aria-label="Interactions" aria-rowcount={rows.length + 1}>
          <thead className="sticky top-0 z-10 bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-600">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sort = sortLinks[header.column.id];
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className="whitespace-nowrap px-3 py-1.5 font-semibold"
                      aria-sort={sort?.direction === 'asc' ? 'ascending' : sort?.direction === 'desc' ? 'descending' : undefined}
                    >
                      {sort ? (
                        <Link href={sort.href} className="inline-flex items-center gap-1 hover:text-slate-900">
                          <FlexRender header={header} />
                          <span aria-hidden="true">{sort.direction === 'asc' ? '▲' : sort.direction === 'desc' ? '▼' : '↕'}</span>
                        </Link>
                      ) : (
                        <FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {padTop > 0 && <tr aria-hidden="true" style={{ height: padTop }} />}
            {items.map((item) => {
              const row = tableRows[item.index]!;
              const selected = row.original.id === selectedId;
              return (
                <tr
                  key={row.id}
                  aria-rowindex={item.index + 2}
                  aria-selected={selected || undefined}
                  style={{ height: rowHeight }}
                  onClick={(event) => {
                    if (!(event.target as HTMLElement).closest('a')) router.push(row.original.href);
                  }}
                  className={`cursor-pointer border-t border-slate-100 hover:bg-brand-50 ${selected ? 'bg-amber-50' : ''}`}
                >
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className={`px-3 align-middle ${layout.density === 'dense' ? 'py-0.5' : 'py-2.5'}`}>
                      <FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              );
            })}
            {padBottom > 0 && <tr aria-hidden="true" style={{ height: padBottom }} />}
          </tbody>
        </table>
      </div>
    </div>
  );
}
