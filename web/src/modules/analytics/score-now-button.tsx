import { ErrorMessage } from '../../ui/status.tsx';
import { useRequestScoring } from './analytics.api.ts';

/** Queues a scoring run; the worker does the work, so the page only says it is on its way. */
export function ScoreNowButton() {
  const scoring = useRequestScoring();
  return (
    <div>
      <button type="button" className="button" onClick={() => scoring.mutate()} disabled={scoring.isPending} aria-busy={scoring.isPending}>
        {scoring.isPending ? 'Queuing…' : 'Score now'}
      </button>
      <p className="page-header__meta" role="status">
        {scoring.isSuccess ? `Scoring as of ${scoring.data.as_of} is ${scoring.data.status}; reload in a minute for the new numbers.` : null}
      </p>
      {scoring.isError ? <ErrorMessage error={scoring.error} title="Could not start scoring." /> : null}
    </div>
  );
}
