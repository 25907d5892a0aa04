import type { Interaction, Question } from '@/lib/polis/schemas';
import { formatAnswer } from '@/lib/surveys/format-answer';

type Props = { responses: Interaction['data']['survey']['responses']; questions: Question[] | null };

/** Every question in survey order with its answer as option text; answers to unknown questions are kept, with a warning. */
export function SurveyAnswers({ responses, questions }: Props) {
  if (!questions) {
    return (
      <div className="space-y-2">
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          The survey could not be loaded, so the answers are shown as recorded.
        </p>
        <pre className="overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">{JSON.stringify(responses, null, 2)}</pre>
      </div>
    );
  }
  const known = new Set(questions.map((q) => q.questionId));
  const orphans = Object.values(responses).filter((r) => !known.has(r.questionId));
  return (
    <div className="space-y-3">
      <ol className="divide-y divide-slate-100" aria-label="Survey answers">
        {questions.map((question, i) => {
          const answer = formatAnswer(question, responses[question.questionId]);
          return (
            <li key={question.questionId} className="grid gap-1 py-2 sm:grid-cols-[1fr_1fr]">
              <p className="text-sm text-slate-600">
                <span className="mr-1 text-slate-500">{i + 1}.</span>
                {question.text}
              </p>
              <div className="text-sm font-medium" data-question={question.questionId}>
                {answer.kind === 'unanswered' && <span className="font-normal italic text-slate-600">Not answered</span>}
                {answer.kind === 'text' && (
                  <span>
                    {answer.text}
                    {!answer.known && <span className="ml-2 text-xs font-normal text-amber-700">(not one of the survey&apos;s options)</span>}
                  </span>
                )}
                {answer.kind === 'scale' && (
                  <span>
                    {answer.value} out of {answer.of}
                    {answer.label && <span className="font-normal text-slate-600"> · {answer.label}</span>}
                  </span>
                )}
                {answer.kind === 'list' && (
                  <ul className="list-inside list-disc">
                    {answer.items.map((item) => (
                      <li key={item.text}>{item.text}</li>
                    ))}
                  </ul>
                )}
              </div>
            </li>
          );
        })}
      </ol>
      {orphans.length > 0 && (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p className="font-medium">Answers to questions no longer in the survey</p>
          <ul className="mt-1 space-y-1">
            {orphans.map((response) => (
              <li key={response.questionId}>
                <code className="text-xs">{response.questionId}</code>: {JSON.stringify(response.fields)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
