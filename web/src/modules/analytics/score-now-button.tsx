import { ErrorMessage } from '../../ui/status.tsx';
import { useRequestScoring } from './analytics.api.ts';

/**
 * Queues a scoring run; the worker does the work, so the page only says it is on its way. Sits in
 * the header's row of actions beside the others, its message on a line of its own below them.
 */
export function ScoreNowButton() {
  const scoring = useRequestScoring();
  return (
    <>
      <button type="button" className="button" onClick={() => scoring.mutate()} disabled={scoring.isPending} aria-busy={scoring.isPending}>
        {scoring.isPending ? 'Queuing…' : 'Score now'}
      </button>
      <p className="page-header__status" role="status">
        {scoring.isSuccess ? `Scoring as of ${scoring.data.as_of} is ${scoring.data.status}; reload in a minute for the new numbers.` : null}
      </p>
      {scoring.isError ? (
        <div className="page-header__status">
          <ErrorMessage error={scoring.error} title="Could not start scoring." />
        </div>
      ) : null}
    </>
  );
}
