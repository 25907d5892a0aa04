import type { Metadata } from 'next';
import Link from 'next/link';
import { FilterBar } from '@/components/interactions/filter-bar';
import { NewVisitsNotice } from '@/components/today/new-visits-notice';
import { renderedAt } from '@/lib/today/rendered-at';
import { IndexingProgress } from '@/components/interactions/indexing-progress';
import { InteractionsTable, type SortLink } from '@/components/interactions/interactions-table';
import { Pagination } from '@/components/interactions/pagination';
import { buttonClass } from '@/components/ui/button';
import { EmptyState, ErrorState } from '@/components/ui/error-state';
import { readPolis, requireAuth } from '@/lib/auth/session';
import { filtersToSearch, parseFilters } from '@/lib/filters/filters';
import { loadCampaignContext, loadContacts, loadInteractionPage, SORTABLE, type SortKey, type TableQuery } from '@/lib/interactions/queries';
import { answerSummary, rowFacts } from '@/lib/interactions/rows';
import { campaignIndex } from '@/lib/map-index/campaign-index';
import { campaignTimeZone } from '@/lib/time/campaign-zone';
import { formatLocal } from '@/lib/time/format';

export const metadata: Metadata = { title: 'Interactions' };

const PAGE_SIZES = [25, 50, 100, 250, 500];

type Props = { params: Promise<{ campaignId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function readTableQuery(params: Record<string, string | string[] | undefined>): TableQuery {
  const one = (key: string) => (Array.isArray(params[key]) ? params[key][0] : params[key]) ?? '';
  const [sort, direction] = one('sort').split(':');
  const size = Number(one('size'));
  return {
    page: Math.max(1, Math.floor(Number(one('page')) || 1)),
    size: PAGE_SIZES.includes(size) ? size : 100,
    sort: (sort && sort in SORTABLE ? sort : 'timestamp') as SortKey,
    direction: direction === 'asc' ? 'asc' : 'desc',
  };
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
    out.set('sort', `${next.sort}:${next.direction}`);
    out.set('size', String(next.size));
    if (next.page > 1) out.set('page', String(next.page));
    return `${base}?${out}`;
  };

  // Visits Polis receives from here on are "new" to this page (the second of the read counts as new: better twice than never).
  const since = renderedAt() - 1;
  const loaded = await readPolis(here, async () => {
      const timeZone = await campaignTimeZone(auth, campaignId);
      const [context, page, index] = await Promise.all([
        loadCampaignContext(auth, campaignId),
        loadInteractionPage(auth, campaignId, filters, query, timeZone),
        campaignIndex(auth, campaignId),
      ]);
      const contacts = page.state === 'ready' ? await loadContacts(auth, page.interactions.map((i) => i.data.contactId)) : new Map();
      return { context, page, contacts, walklists: index.index?.walklists.values ?? [], timeZone };
  });
  if (!loaded.ok) return <ErrorState title="The interactions could not be loaded" message={loaded.message} retryHref={here} />;
  const { context, page, contacts, walklists, timeZone } = loaded.value;
  const names = { people: context.people, lists: new Map(context.lists.map((l) => [l.id, l.name])) };
  const sortLinks: Record<string, SortLink> = Object.fromEntries(
    (Object.keys(SORTABLE) as SortKey[]).map((key) => {
      const active = query.sort === key;
      const direction = active && query.direction === 'desc' ? 'asc' : 'desc';
      return [key, { href: href({ sort: key, direction, page: 1 }), direction: active ? query.direction : null }];
    }),
  );
  const exportSearch = filtersToSearch(filters);

  return (
    <div className="space-y-4">
      <FilterBar action={base} filters={filters} lists={context.lists} canvassers={context.canvassers} walklists={walklists} questions={context.questions} timeZone={timeZone} keep={{ sort: `${query.sort}:${query.direction}`, size: String(query.size) }} />
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
          <div className="flex flex-wrap items-center justify-between gap-3">
            <Pagination page={query.page} size={query.size} total={page.total} hrefFor={(p) => href({ page: p })} />
            <div className="flex items-center gap-3 text-sm">
              <span>Rows per page:</span>
              {PAGE_SIZES.map((size) => (
                <Link key={size} href={href({ size, page: 1 })} aria-current={size === query.size ? 'true' : undefined} className={size === query.size ? 'font-semibold text-brand-700' : 'text-slate-600 hover:text-slate-900'}>
                  {size}
                </Link>
              ))}
              <a href={`/campaigns/${campaignId}/export?${exportSearch}`} className={buttonClass('secondary')} download>
                Export CSV
              </a>
            </div>
          </div>
          <InteractionsTable
            storageKey={`polis.table-columns.${auth.user.id}`}
            sortLinks={sortLinks}
            selectedId={typeof search.selected === 'string' ? search.selected : undefined}
            rows={page.interactions.map((interaction) => ({
              ...rowFacts(interaction, contacts.get(interaction.data.contactId), names),
              href: `/campaigns/${campaignId}/interactions/${interaction.id}`,
              answers: answerSummary(interaction, context.questions),
              localTime: formatLocal(interaction.data.timestamp, timeZone, 'medium'),
            }))}
          />
        </>
      )}
    </div>
  );
}
