import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { SHIFT_STATUSES, STATUS_LABELS, type QueueFilters } from '@/lib/review/queue-filters';

const field = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';
const label = 'block text-xs font-medium text-slate-600';

type Props = { action: string; filters: QueueFilters; canvassers: { id: string; name: string }[]; lists: { id: string; name: string }[]; zoneName: string };

/** The queue's filters as a plain GET form: the URL is the state. */
export function QueueFilterBar({ action, filters, canvassers, lists, zoneName }: Props) {
  return (
    <form action={action} method="get" role="search" aria-label="Filter the review queue" className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-4 xl:grid-cols-7">
      <label className={label}>
        Canvasser
        <select name="canvasser" defaultValue={filters.canvasser ?? ''} className={field}>
          <option value="">Everyone</option>
          {canvassers.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </select>
      </label>
      <label className={label}>
        List
        <select name="list" defaultValue={filters.list ?? ''} className={field}>
          <option value="">All lists</option>
          {lists.map((list) => (
            <option key={list.id} value={list.id}>
              {list.name}
            </option>
          ))}
        </select>
      </label>
      <label className={label}>
        From ({zoneName})
        <input type="date" name="from" defaultValue={filters.from} className={field} />
      </label>
      <label className={label}>
        To ({zoneName})
        <input type="date" name="to" defaultValue={filters.to} className={field} />
      </label>
      <label className={label}>
        Status
        <select name="status" defaultValue={filters.status ?? 'open'} className={field}>
          {SHIFT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
          <option value="all">Any status</option>
        </select>
      </label>
      <label className={label}>
        Minimum score
        <input type="number" name="minScore" min={0} max={10} defaultValue={filters.minScore} className={field} />
      </label>
      <div className="flex items-end gap-2">
        <button type="submit" className={buttonClass('primary')}>
          Apply
        </button>
        <Link href={action} className={buttonClass('secondary')}>
          Clear
        </Link>
      </div>
    </form>
  );
}
