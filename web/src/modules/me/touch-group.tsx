import { EmptyState } from '../../ui/status.tsx';
import type { DayTouch, TouchAction } from './me.api.ts';
import { TouchRow } from './touch-row.tsx';

type TouchGroupProps = {
  id: string;
  title: string;
  empty: string;
  touches: DayTouch[];
  timeZone: string;
  today: string;
  showDate: boolean;
  overdue?: boolean;
  onActionDone: (touch: DayTouch, action: TouchAction) => void;
};

export function TouchGroup({ id, title, empty, touches, timeZone, today, showDate, overdue = false, onActionDone }: TouchGroupProps) {
  const headingId = `${id}-heading`;
  return (
    <section className="touch-group" aria-labelledby={headingId} data-testid={`group-${id}`}>
      <h2 id={headingId} className="touch-group__heading" tabIndex={-1}>
        {title}{' '}
        <span className="touch-group__count">
          {touches.length}
          <span className="sr-only"> {touches.length === 1 ? 'touch' : 'touches'}</span>
        </span>
      </h2>
      {touches.length === 0 ? (
        <EmptyState>{empty}</EmptyState>
      ) : (
        <ul className="touch-list">
          {touches.map((touch) => (
            <TouchRow
              key={touch.id}
              touch={touch}
              timeZone={timeZone}
              today={today}
              showDate={showDate}
              overdue={overdue}
              onActionDone={onActionDone}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
