import type { Metadata } from 'next';
import { campaignPageMetadata } from '@/lib/interactions/page-title';
import { FilterBar } from '@/components/interactions/filter-bar';
import { IndexingProgress } from '@/components/interactions/indexing-progress';
import { AnswerChart } from '@/components/surveys/answer-chart';
import { ErrorState } from '@/components/ui/error-state';
import { readPolis, requireAuth } from '@/lib/auth/session';
import { filterProblems, filtersToSearch, parseFilters } from '@/lib/filters/filters';
import { loadCampaignContext } from '@/lib/interactions/queries';
import { filterChoices, loadIndexSettled } from '@/lib/interactions/filter-choices';
import { unitSystemFor } from '@/lib/units/preference';
import { valueLabel } from '@/lib/surveys/format-answer';
import { campaignTimeZone } from '@/lib/time/campaign-zone';

type Props = { params: Promise<{ campaignId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return campaignPageMetadata('Survey results', (await params).campaignId);
}

export default async function ResultsPage({ params, searchParams }: Props) {
  const { campaignId } = await params;
  const search = await searchParams;
  const filters = parseFilters(search);
  const base = `/campaigns/${campaignId}/results`;
  const here = `${base}?${filtersToSearch(filters)}`;
  const auth = await requireAuth(here);
  const loaded = await readPolis(here, async () => {
    const [context, entry, units] = await Promise.all([
      loadCampaignContext(auth, campaignId),
      loadIndexSettled(auth, campaignId),
      unitSystemFor(auth, campaignId),
    ]);
    return { context, entry, units, timeZone: await campaignTimeZone(auth, context.campaign) };
  });
  if (!loaded.ok) return <ErrorState title="The survey results could not be loaded" message={loaded.message} retryHref={here} />;
  const { context, entry, units, timeZone } = loaded.value;
  const filterBar = (
    <FilterBar
      action={base}
      filters={filters}
      {...filterChoices(context, entry.index)}
      units={units}
      timeZone={timeZone}
      problems={filterProblems(search)}
      questions={context.questions}
    />
  );
  if (!entry.index) {
    if (entry.state === 'failed')
      return <ErrorState title="The survey results could not be computed" message={entry.error ?? 'Indexing failed.'} retryHref={here} />;
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
        Answers of the <strong>{rows.length.toLocaleString('en-US')}</strong> interactions that match the filters. Choose a bar to filter by that answer; the
        map and the table follow.
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        {context.questions.map((question) => {
          const tally = distribution.get(question.questionId);
          const values =
            question.type === 'multi-select'
              ? (question.choices ?? []).map((c) => c.tag)
              : question.type === 'text'
                ? []
                : question.options.map((o) => String(o.value));
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
