import { formatDate, humanize, isPast } from '../../ui/format.ts';
import type { NextStep } from './deals.api.ts';

/**
 * The deal's next step in one line. `labelled` starts it with "Next step:", for places without a
 * heading that says so (the board's cards).
 */
export function NextStepSummary({ step, labelled = true }: { step: NextStep | null; labelled?: boolean }) {
  if (!step) {
    return (
      <p className="next-step next-step--missing" data-testid="next-step">
        No next step
      </p>
    );
  }
  const overdue = isPast(step.due_at);
  return (
    <p className="next-step" data-testid="next-step">
      {labelled ? <span className="next-step__label">Next step: </span> : null}
      <span className="next-step__kind">{humanize(step.kind)}</span>
      {labelled ? null : <span className="next-step__subject">: {step.subject}</span>}
      {' · '}
      <span className={overdue ? 'next-step__due next-step__due--overdue' : 'next-step__due'}>
        due <time dateTime={step.due_at}>{formatDate(step.due_at)}</time>
        {overdue ? ' (overdue)' : null}
      </span>
      {' · '}
      <span className="next-step__assignee">{step.assignee_name ?? 'Unassigned'}</span>
    </p>
  );
}
