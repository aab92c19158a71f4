import { formatDate, humanize, isPast } from '../../ui/format.ts';
import type { NextStep } from './deals.api.ts';

export function NextStepSummary({ step }: { step: NextStep | null }) {
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
      <span className="next-step__label">Next step: </span>
      <span className="next-step__kind">{humanize(step.kind)}</span>
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
