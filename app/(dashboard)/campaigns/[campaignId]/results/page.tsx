import type { Metadata } from 'next';
import { FilterBar } from '@/components/interactions/filter-bar';
import { IndexingProgress } from '@/components/interactions/indexing-progress';
import { AnswerChart } from '@/components/surveys/answer-chart';
import { ErrorState } from '@/components/ui/error-state';
import { requireAuth, withPolis } from '@/lib/auth/session';
import { filtersToSearch, parseFilters } from '@/lib/filters/filters';
import { loadCampaignContext } from '@/lib/interactions/queries';
import { campaignIndex, settle } from '@/lib/map-index/campaign-index';
import { PolisApiError } from '@/lib/polis/client';
import { valueLabel } from '@/lib/surveys/format-answer';
import { campaignTimeZone } from '@/lib/time/campaign-zone';

export const metadata: Metadata = { title: 'Survey results' };

type Props = { params: Promise<{ campaignId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ResultsPage({ params, searchParams }: Props) {
  const { campaignId } = await params;
  const filters = parseFilters(await searchParams);
  const base = `/campaigns/${campaignId}/results`;
  const here = `${base}?${filtersToSearch(filters)}`;
  const auth = await requireAuth(here);
  let loaded;
  try {
    loaded = await withPolis(here, async () => {
      const [context, entry] = await Promise.all([loadCampaignContext(auth, campaignId), campaignIndex(auth, campaignId).then((e) => settle(e, 2000))]);
      return { context, entry, timeZone: await campaignTimeZone(auth, context.campaign) };
    });
  } catch (error) {
    if (!(error instanceof PolisApiError)) throw error;
    return <ErrorState title="The survey results could not be loaded" message={`Polis answered: ${error.message}`} retryHref={here} />;
  }
  const { context, entry, timeZone } = loaded;
  const canvassers = [...context.people].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  const filterBar = <FilterBar action={base} filters={filters} lists={context.lists} canvassers={canvassers} walklists={entry.index?.walklists.values ?? []} questions={context.questions} timeZone={timeZone} />;
  if (!entry.index) {
    if (entry.state === 'failed') return <ErrorState title="The survey results could not be computed" message={entry.error ?? 'Indexing failed.'} retryHref={here} />;
    return (
      <div className="space-y-4">
        {filterBar}
        <IndexingProgress loaded={entry.progress.loaded} total={entry.progress.total} what="the survey results" />
      </div>
    );
  }
  const rows = entry.index.select(filters, timeZone);
  const distribution = entry.index.distribution(rows);
  const answerHref = (questionId: string, value: string) => {
    const search = filtersToSearch({ ...filters, answer: { questionId, value } });
    return `${base}?${search}`;
  };

  return (
    <div className="space-y-4">
      {filterBar}
      <p className="text-sm text-slate-600">
        Answers of the <strong>{rows.length.toLocaleString('en-US')}</strong> interactions that match the filters. Choose a bar to filter by that answer; the map and the table follow.
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        {context.questions.map((question) => {
          const tally = distribution.get(question.questionId);
          const values = question.type === 'multi-select' ? (question.choices ?? []).map((c) => c.tag) : question.type === 'text' ? [] : question.options.map((o) => String(o.value));
          // Values recorded that the survey does not offer still get a bar.
          for (const value of tally?.counts.keys() ?? []) if (question.type !== 'text' && !values.includes(value)) values.push(value);
          const bars = values.map((value) => ({
            label: valueLabel(question, value),
            count: tally?.counts.get(value) ?? 0,
            href: answerHref(question.questionId, value),
            active: filters.answer?.questionId === question.questionId && filters.answer.value === value,
          }));
          return <AnswerChart key={question.questionId} title={question.text} answered={tally?.answered ?? 0} total={rows.length} bars={bars} />;
        })}
      </div>
    </div>
  );
}
