import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { filterFieldClass as field, filterLabelClass as label, SelectFilter } from '@/components/ui/select-filter';
import { SHIFT_STATUSES, STATUS_LABELS, type QueueFilters } from '@/lib/review/queue-filters';

type Props = { action: string; filters: QueueFilters; canvassers: { id: string; name: string }[]; lists: { id: string; name: string }[]; zoneName: string };

/** The queue's filters as a plain GET form: the URL is the state. */
export function QueueFilterBar({ action, filters, canvassers, lists, zoneName }: Props) {
  return (
    <form
      action={action}
      method="get"
      role="search"
      aria-label="Filter the review queue"
      className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-4 xl:grid-cols-7"
    >
      <SelectFilter
        name="canvasser"
        label="Canvasser"
        anyLabel="Everyone"
        value={filters.canvasser}
        options={canvassers.map((person) => ({ value: person.id, text: person.name }))}
      />
      <SelectFilter name="list" label="List" anyLabel="All lists" value={filters.list} options={lists.map((list) => ({ value: list.id, text: list.name }))} />
      <label className={label}>
        From ({zoneName})
        <input type="date" name="from" defaultValue={filters.from} className={field} />
      </label>
      <label className={label}>
        To ({zoneName})
        <input type="date" name="to" defaultValue={filters.to} className={field} />
      </label>
      <SelectFilter
        name="status"
        label="Status"
        value={filters.status ?? 'open'}
        options={[...SHIFT_STATUSES.map((status) => ({ value: status, text: STATUS_LABELS[status] })), { value: 'all', text: 'Any status' }]}
      />
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
