import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { filterFieldClass, filterLabelClass, SelectFilter } from '@/components/ui/select-filter';
import { filtersToSearch, type InteractionFilters } from '@/lib/filters/filters';
import { OUTCOME_LABELS, OUTCOMES } from '@/lib/filters/outcome';
import type { Question } from '@/lib/polis/schemas';
import { choiceText, optionText } from '@/lib/surveys/format-answer';
import { matchingQuickRange, QUICK_RANGE_LABELS, QUICK_RANGES, quickRange } from '@/lib/time/days';
import { zoneLabel } from '@/lib/time/format';

type Props = {
  action: string;
  filters: InteractionFilters;
  lists: { id: string; name: string }[];
  canvassers: { id: string; name: string }[];
  walklists: string[];
  questions: Question[];
  /** The campaign's time zone: the dates are its calendar days. */
  timeZone: string;
  /** Parameters of the view (sort, page size) that survive a filter change. */
  keep?: Record<string, string>;
};

const field = filterFieldClass;
const label = filterLabelClass;

/** The shared filters as a plain GET form: the URL is the state, and it works before scripts load. */
export function FilterBar({ action, filters, lists, canvassers, walklists, questions, timeZone, keep = {} }: Props) {
  const answerable = questions.filter((q) => q.type !== 'text');
  const answer = filters.answer ? `${filters.answer.questionId}~${filters.answer.value}` : '';
  const now = new Date();
  const current = matchingQuickRange(timeZone, filters.from, filters.to, now);
  const rangeHref = (range: (typeof QUICK_RANGES)[number]) => {
    const search = filtersToSearch({ ...filters, from: undefined, to: undefined, ...quickRange(timeZone, range, now) });
    for (const [name, value] of Object.entries(keep)) search.set(name, value);
    return `${action}?${search}`;
  };
  return (
    <div className="space-y-2">
    <nav aria-label="Date ranges" className="flex flex-wrap items-center gap-2 text-sm">
      {QUICK_RANGES.map((range) => (
        <Link
          key={range}
          href={rangeHref(range)}
          aria-current={range === current ? 'true' : undefined}
          className={`rounded-full border px-3 py-1 ${range === current ? 'border-brand-700 bg-brand-700 text-white' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`}
        >
          {QUICK_RANGE_LABELS[range]}
        </Link>
      ))}
      <span className="text-xs text-slate-500">Days in {zoneLabel(timeZone)}</span>
    </nav>
    <form action={action} method="get" role="search" aria-label="Filter interactions" className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-4 xl:grid-cols-6">
      {Object.entries(keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label className={label}>
        From
        <input type="date" name="from" defaultValue={filters.from} className={field} />
      </label>
      <label className={label}>
        To
        <input type="date" name="to" defaultValue={filters.to} className={field} />
      </label>
      <SelectFilter name="outcome" label="Outcome" anyLabel="Any outcome" value={filters.outcome} options={OUTCOMES.map((outcome) => ({ value: outcome, text: OUTCOME_LABELS[outcome] }))} />
      <SelectFilter name="list" label="List" anyLabel="All lists" value={filters.list} options={lists.map((list) => ({ value: list.id, text: list.name }))} />
      <SelectFilter name="canvasser" label="Canvasser" anyLabel="Everyone" value={filters.canvasser} options={canvassers.map((person) => ({ value: person.id, text: person.name }))} />
      <SelectFilter name="walklist" label="Walklist" anyLabel="All walklists" value={filters.walklist} options={walklists.map((id, i) => ({ value: id, text: `Walklist ${i + 1} (${id.slice(0, 8)})` }))} />
      <label className={`${label} col-span-2`}>
        Survey answer
        <select name="answer" defaultValue={answer} className={field}>
          <option value="">Any answer</option>
          {answerable.map((question) => (
            <optgroup key={question.questionId} label={question.text}>
              {(question.type === 'multi-select' ? (question.choices ?? []).map((c) => c.tag) : question.options.map((o) => String(o.value))).map((value) => (
                <option key={value} value={`${question.questionId}~${value}`}>
                  {question.type === 'multi-select' ? choiceText(question, value) : optionText(question, value)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
      <label className={label}>
        Distance at least (miles)
        <input type="number" name="minDistance" min="0" step="0.01" defaultValue={filters.minDistance} placeholder="e.g. 0.25" className={field} />
      </label>
      <label className={label}>
        GPS accuracy worse than (m)
        <input type="number" name="minConfidence" min="0" step="1" defaultValue={filters.minConfidence} placeholder="e.g. 50" className={field} />
      </label>
      <div className="col-span-2 flex items-end gap-2">
        <button type="submit" className={buttonClass('primary')}>
          Apply filters
        </button>
        <Link href={action} className={buttonClass('secondary')}>
          Clear
        </Link>
      </div>
    </form>
    </div>
  );
}
