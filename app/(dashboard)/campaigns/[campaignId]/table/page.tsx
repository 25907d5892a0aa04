import type { Metadata } from 'next';
import { campaignPageMetadata } from '@/lib/interactions/page-title';
import Link from 'next/link';
import { FilterBar } from '@/components/interactions/filter-bar';
import { NewVisitsNotice } from '@/components/today/new-visits-notice';
import { renderedAt } from '@/lib/today/rendered-at';
import { IndexingProgress } from '@/components/interactions/indexing-progress';
import { InteractionsTable, type SortLink } from '@/components/interactions/interactions-table';
import { Pagination } from '@/components/interactions/pagination';
import { Alert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { IdSchema } from '@/lib/polis/schemas';
import { EmptyState, ErrorState } from '@/components/ui/error-state';
import { readPolis, requireAuth } from '@/lib/auth/session';
import { filterProblems, filtersToSearch, parseFilters } from '@/lib/filters/filters';
import {
  loadCampaignContext,
  PAGE_SIZES,
  readTableQuery,
  loadContacts,
  loadInteractionPage,
  NAME_SORTABLE,
  SEARCH_CONTACTS,
  SORTABLE,
  type SortKey,
  type TableQuery,
} from '@/lib/interactions/queries';
import { formatMetres, formatMiles } from '@/lib/units/units';
import { answerSummary, rowFacts } from '@/lib/interactions/rows';
import { filterChoices, loadIndexSettled } from '@/lib/interactions/filter-choices';
import { unitSystemFor } from '@/lib/units/preference';
import { campaignTimeZone } from '@/lib/time/campaign-zone';
import { formatLocal } from '@/lib/time/format';

type Props = { params: Promise<{ campaignId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return campaignPageMetadata('Interactions', (await params).campaignId);
}

export default async function TablePage({ params, searchParams }: Props) {
  const { campaignId } = await params;
  const search = await searchParams;
  const filters = parseFilters(search);
  const query = readTableQuery(search);
  const base = `/campaigns/${campaignId}/table`;
  const here = `${base}?${new URLSearchParams(search as Record<string, string>)}`;
  const auth = await requireAuth(here);

  const href = (changes: Partial<TableQuery>) => {
    const next = { ...query, ...changes };
    const out = filtersToSearch(filters);
    if (next.search) out.set('q', next.search);
    out.set('sort', `${next.sort}:${next.direction}`);
    out.set('size', String(next.size));
    if (next.page > 1) out.set('page', String(next.page));
    return `${base}?${out}`;
  };

  // Visits Polis receives from here on are "new" to this page (the second of the read counts as new: better twice than never).
  const since = renderedAt() - 1;
  const loaded = await readPolis(here, async () => {
    const [context, index, units, timeZone] = await Promise.all([
      loadCampaignContext(auth, campaignId),
      loadIndexSettled(auth, campaignId),
      unitSystemFor(auth, campaignId),
      campaignTimeZone(auth, campaignId),
    ]);
    const page = await loadInteractionPage(auth, campaignId, filters, query, timeZone, {
      people: context.people,
      lists: new Map(context.lists.map((l) => [l.id, l.name])),
    });
    const contacts =
      page.state === 'ready'
        ? await loadContacts(
            auth,
            page.interactions.map((i) => i.data.contactId),
          )
        : new Map();
    return { context, page, contacts, choices: filterChoices(context, index.index), units, timeZone };
  });
  if (!loaded.ok) return <ErrorState title="The interactions could not be loaded" message={loaded.message} retryHref={here} />;
  const { context, page, contacts, choices, units, timeZone } = loaded.value;
  const names = { people: context.people, lists: new Map(context.lists.map((l) => [l.id, l.name])) };
  const sortLinks: Record<string, SortLink> = Object.fromEntries(
    ([...Object.keys(SORTABLE), ...NAME_SORTABLE] as SortKey[]).map((key) => {
      const active = query.sort === key;
      // Names read A to Z first; numbers and times largest first.
      const first = (NAME_SORTABLE as readonly string[]).includes(key) ? 'asc' : 'desc';
      const direction = active ? (query.direction === 'desc' ? 'asc' : 'desc') : first;
      return [key, { href: href({ sort: key, direction, page: 1 }), direction: active ? query.direction : null }];
    }),
  );
  const exportSearch = filtersToSearch(filters);
  exportSearch.set('sort', `${query.sort}:${query.direction}`);
  if (query.search) exportSearch.set('q', query.search);
  const deleted = typeof search.deleted === 'string' && IdSchema.safeParse(search.deleted).success ? search.deleted : null;

  return (
    <div className="space-y-4">
      {deleted && (
        <Alert tone="success" title="Interaction deleted.">
          It no longer counts on the map, in the table or in the survey results.{' '}
          <Link href={`/campaigns/${campaignId}/corrections/${deleted}`} className="underline">
            See its entry in the correction log
          </Link>
        </Alert>
      )}
      <FilterBar
        action={base}
        filters={filters}
        {...choices}
        units={units}
        timeZone={timeZone}
        problems={filterProblems(search)}
        questions={context.questions}
        keep={{ sort: `${query.sort}:${query.direction}`, size: String(query.size) }}
        search={query.search ?? ''}
      />
      {page.state === 'ready' && page.note && (
        <p className="text-sm text-amber-800" role="status">
          {page.note}
        </p>
      )}
      {page.state === 'ready' && page.contactsMatched !== undefined && page.contactsMatched > SEARCH_CONTACTS && (
        <p className="text-sm text-amber-800" role="status">
          {page.contactsMatched.toLocaleString('en-US')} contacts match “{query.search}”; the visits of the first {SEARCH_CONTACTS} are shown. Type more of the
          name or the address to narrow the search.
        </p>
      )}
      <NewVisitsNotice campaignId={campaignId} since={since} filterQuery={filtersToSearch(filters).toString()} />
      {page.state === 'indexing' ? (
        <IndexingProgress loaded={page.loaded} total={page.total} what="the answer filter" />
      ) : page.total === 0 ? (
        <EmptyState title="No interactions match these filters">
          <p className="mt-1">Widen the dates or clear a filter to see more.</p>
          <Link href={base} className={`${buttonClass('secondary')} mt-4`}>
            Clear filters
          </Link>
        </EmptyState>
      ) : (
        <>
          <InteractionsTable
            toolbar={
              <>
                <Pagination page={query.page} size={query.size} total={page.total} hrefFor={(p) => href({ page: p })} />
                <div className="flex items-center gap-3 text-sm">
                  <span>Rows per page:</span>
                  {PAGE_SIZES.map((size) => (
                    <Link
                      key={size}
                      href={href({ size, page: 1 })}
                      aria-current={size === query.size ? 'true' : undefined}
                      className={size === query.size ? 'font-semibold text-brand-700' : 'text-slate-600 hover:text-slate-900'}
                    >
                      {size}
                    </Link>
                  ))}
                  <a href={`/campaigns/${campaignId}/export?${exportSearch}`} className={buttonClass('secondary', 'py-1')} download>
                    Export CSV
                  </a>
                </div>
              </>
            }
            storageKey={`polis.table-columns.${auth.user.id}`}
            sortLinks={sortLinks}
            selectedId={typeof search.selected === 'string' ? search.selected : undefined}
            rows={page.interactions.map((interaction) => {
              const facts = rowFacts(interaction, contacts.get(interaction.data.contactId), names);
              return {
                ...facts,
                href: `/campaigns/${campaignId}/interactions/${interaction.id}`,
                answers: answerSummary(interaction, context.questions),
                distanceText: facts.distance === null ? '—' : formatMiles(facts.distance, units),
                confidenceText: facts.confidence === null ? '—' : formatMetres(facts.confidence, units),
                localTime: formatLocal(interaction.data.timestamp, timeZone, 'medium'),
              };
            })}
          />
        </>
      )}
    </div>
  );
}
