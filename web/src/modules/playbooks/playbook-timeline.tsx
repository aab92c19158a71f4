import { Badge } from '../../ui/badge.tsx';
import { pluralize } from '../../ui/format.ts';
import { touchKindLabel } from '../me/touch-kinds.ts';
import { assigneeLabels, audienceLabels, stepKindLabels, surveyKindLabels } from './playbook-labels.ts';
import type { PlaybookStep } from './playbooks.api.ts';

/** Each step's day counted from the trigger: "previous" offsets add up along the list. */
export function stepDays(steps: PlaybookStep[]): number[] {
  const days: number[] = [];
  for (const step of steps) {
    const previous = days.at(-1) ?? 0;
    days.push(step.offset_from === 'previous' ? previous + step.offset_days : step.offset_days);
  }
  return days;
}

function whatHappens(step: PlaybookStep): string {
  if (step.kind === 'task') return `${touchKindLabel(step.touch_kind)} task`;
  if (step.kind === 'email') return `Email to ${audienceLabels[step.audience].toLowerCase()}`;
  if (step.kind === 'survey') return `${surveyKindLabels[step.survey_kind ?? 'nps']} survey`;
  return stepKindLabels[step.kind] ?? step.kind;
}

export function PlaybookTimeline({ steps }: { steps: PlaybookStep[] }) {
  const days = stepDays(steps);
  // In the order things happen; the step number still points at the row in the edit form.
  const ordered = steps.map((step, index) => ({ step, index, day: days[index] ?? 0 })).sort((a, b) => a.day - b.day || a.index - b.index);
  return (
    <ol className="playbook-timeline" data-testid="playbook-timeline">
      {ordered.map(({ step, index, day }) => (
        <li key={step.key} className="playbook-timeline__step">
          <p className="playbook-timeline__day">
            Day {day}
            <span className="playbook-timeline__number">step {index + 1}</span>
          </p>
          <div className="playbook-timeline__body">
            <p className="playbook-timeline__what">
              <Badge tone={step.kind === 'email' ? 'info' : 'neutral'}>{whatHappens(step)}</Badge>
              {step.kind === 'wait' ? null : <span>by {assigneeLabels[step.assignee] ?? step.assignee}</span>}
            </p>
            {step.subject ? <p className="playbook-timeline__subject">{step.subject}</p> : null}
            <p className="muted playbook-timeline__when">
              {step.offset_from === 'previous' ? `${pluralize(step.offset_days, 'day')} after the previous step` : `${pluralize(step.offset_days, 'day')} after the trigger`}
              {step.recurrence_days ? `, then every ${pluralize(step.recurrence_days, 'day')}` : null}
              {step.window_days ? `, may move up to ${pluralize(step.window_days, 'working day')} to find room` : null}
              {' · '}
              <code>{step.key}</code>
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}
