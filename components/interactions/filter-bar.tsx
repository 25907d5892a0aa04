import Link from 'next/link';
import { buttonClass } from '@/components/ui/button';
import { filterFieldClass, filterLabelClass, SelectFilter } from '@/components/ui/select-filter';
import { FILTER_KEYS, filtersToSearch, type InteractionFilters } from '@/lib/filters/filters';
import { OUTCOME_LABELS, OUTCOMES } from '@/lib/filters/outcome';
import { ACCURACY_INPUT, DISTANCE_INPUT, type UnitSystem } from '@/lib/units/units';
import { FilterDisclosure } from './filter-disclosure';
import { WalklistSelect } from './walklist-select';
import type { FilterChoices } from '@/lib/interactions/filter-choices';
import type { Question } from '@/lib/polis/schemas';
import { choiceText, optionText } from '@/lib/surveys/format-answer';
import { matchingQuickRange, QUICK_RANGE_LABELS, QUICK_RANGES, quickRange } from '@/lib/time/days';
import { zoneLabel } from '@/lib/time/format';

type Props = FilterChoices & {
  action: string;
  filters: InteractionFilters;
  questions: Question[];
  /** The campaign's time zone: the dates are its calendar days. */
  timeZone: string;
  /** Parameters of the view (sort, page size) that survive a filter change. */
  keep?: Record<string, string>;
  /** The organization's units, which the distance and accuracy boxes are typed in. */
  units: UnitSystem;
  /** What is wrong with the filters the URL asked for (`filterProblems`). */
  problems?: string[];
  /** The table's search by contact name or address (`q`), where the view offers it. */
  search?: string;
};

const field = filterFieldClass;
const label = filterLabelClass;

/** The shared filters as a plain GET form: the URL is the state, and it works before scripts load. */
export function FilterBar({
  action,
  campaignId,
  filters,
  lists,
  canvassers,
  walklists,
  walklistsPending,
  questions,
  timeZone,
  keep = {},
  units,
  problems = [],
  search,
}: Props) {
  const answerable = questions.filter((q) => q.type !== 'text');
  const answer = filters.answer ? `${filters.answer.questionId}~${filters.answer.value}` : '';
  const distance = DISTANCE_INPUT[units];
  const accuracy = ACCURACY_INPUT[units];
  const active = FILTER_KEYS.filter((key) => filters[key] !== undefined).length + (search ? 1 : 0);
  const now = new Date();
  const current = matchingQuickRange(timeZone, filters.from, filters.to, now);
  const rangeHref = (range: (typeof QUICK_RANGES)[number]) => {
    const query = filtersToSearch({ ...filters, from: undefined, to: undefined, ...quickRange(timeZone, range, now) });
    for (const [name, value] of Object.entries(keep)) query.set(name, value);
    if (search) query.set('q', search);
    return `${action}?${query}`;
  };
  return (
    <FilterDisclosure active={active}>
      <div className="space-y-1.5">
        <nav aria-label="Date ranges" className="flex flex-wrap items-center gap-1.5 text-xs">
          {QUICK_RANGES.map((range) => (
            <Link
              key={range}
              href={rangeHref(range)}
              aria-current={range === current ? 'true' : undefined}
              className={`rounded-full border px-2.5 py-0.5 ${range === current ? 'border-brand-700 bg-brand-700 text-white' : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'}`}
            >
              {QUICK_RANGE_LABELS[range]}
            </Link>
          ))}
          <span className="text-slate-500">Days in {zoneLabel(timeZone)}</span>
        </nav>
        {/* Keyed on the filters: a client navigation to new search params (a survey-results bar, a link)
          remounts the controls, so every one of them shows the URL, never a value left from before. */}
        <form
          key={`${filtersToSearch(filters)}&q=${search ?? ''}`}
          action={action}
          method="get"
          role="search"
          aria-label="Filter interactions"
          className="grid grid-cols-2 gap-x-3 gap-y-2 rounded-lg border border-slate-200 bg-white p-3 md:grid-cols-4 xl:grid-cols-8"
        >
          {problems.length > 0 && (
            <ul role="alert" className="col-span-full space-y-1 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          )}
          {Object.entries(keep).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <input type="hidden" name="distanceUnit" value={distance.unit} />
          <input type="hidden" name="accuracyUnit" value={accuracy.unit} />
          <label className={label}>
            From
            <input type="date" name="from" defaultValue={filters.from} className={field} />
          </label>
          <label className={label}>
            To
            <input type="date" name="to" defaultValue={filters.to} className={field} />
          </label>
          <SelectFilter
            name="outcome"
            label="Outcome"
            anyLabel="Any outcome"
            value={filters.outcome}
            options={OUTCOMES.map((outcome) => ({ value: outcome, text: OUTCOME_LABELS[outcome] }))}
          />
          <SelectFilter
            name="list"
            label="List"
            anyLabel="All lists"
            value={filters.list}
            options={lists.map((list) => ({ value: list.id, text: list.name }))}
          />
          <SelectFilter
            name="canvasser"
            label="Canvasser"
            anyLabel="Everyone"
            value={filters.canvasser}
            options={canvassers.map((person) => ({ value: person.id, text: person.name }))}
          />
          <WalklistSelect
            campaignId={campaignId}
            value={filters.walklist}
            walklists={walklists}
            pending={walklistsPending}
            labelClass={label}
            fieldClass={field}
          />
          <div className="col-span-2">
            <label htmlFor="filter-answer" className={label}>
              Survey answer
            </label>
            <select id="filter-answer" name="answer" defaultValue={answer} className={field}>
              <option value="">Any answer</option>
              {answerable.map((question) => (
                <optgroup key={question.questionId} label={question.text}>
                  {(question.type === 'multi-select' ? (question.choices ?? []).map((c) => c.tag) : question.options.map((o) => String(o.value))).map(
                    (value) => (
                      <option key={value} value={`${question.questionId}~${value}`}>
                        {question.type === 'multi-select' ? choiceText(question, value) : optionText(question, value)}
                      </option>
                    ),
                  )}
                </optgroup>
              ))}
            </select>
          </div>
          <label className={label}>
            Distance at least ({distance.label})
            <input
              type="number"
              name="minDistance"
              min="0"
              step="1"
              defaultValue={filters.minDistance === undefined ? undefined : distance.fromMiles(filters.minDistance)}
              placeholder={units === 'metric' ? 'e.g. 400' : 'e.g. 1320'}
              className={field}
            />
          </label>
          <label className={`${label} xl:col-span-2`}>
            GPS accuracy worse than ({accuracy.label})
            <input
              type="number"
              name="minConfidence"
              min="0"
              step="1"
              defaultValue={filters.minConfidence === undefined ? undefined : accuracy.fromMetres(filters.minConfidence)}
              placeholder={units === 'metric' ? 'e.g. 50' : 'e.g. 160'}
              className={field}
            />
          </label>
          {search !== undefined && (
            <label className={`${label} col-span-2`}>
              Contact name or address
              <input type="search" name="q" defaultValue={search} maxLength={100} placeholder="e.g. Hazle Crist, or 12 Adams Street" className={field} />
            </label>
          )}
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
    </FilterDisclosure>
  );
}
