import { useEffect, useRef } from 'react';
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
  byAccount: boolean;
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], selected: boolean) => void;
  onActionDone: (touch: DayTouch, action: TouchAction) => void;
};

/** The touches of one section, per account in the order each account first comes due. */
function perAccount(touches: DayTouch[]): { accountId: string; accountName: string; touches: DayTouch[] }[] {
  const groups = new Map<string, { accountId: string; accountName: string; touches: DayTouch[] }>();
  for (const touch of touches) {
    const group = groups.get(touch.account_id) ?? { accountId: touch.account_id, accountName: touch.account_name, touches: [] };
    group.touches.push(touch);
    groups.set(touch.account_id, group);
  }
  return [...groups.values()];
}

export function TouchGroup({ id, title, empty, touches, byAccount, selected, onSelect, overdue = false, ...rowProps }: TouchGroupProps) {
  const headingId = `${id}-heading`;
  const chosen = touches.filter((touch) => selected.has(touch.id)).length;
  const selectAll = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = chosen > 0 && chosen < touches.length;
  }, [chosen, touches.length]);
  const row = (touch: DayTouch) => (
    <TouchRow
      key={touch.id}
      touch={touch}
      overdue={overdue}
      selected={selected.has(touch.id)}
      onSelect={(touchId, on) => onSelect([touchId], on)}
      {...rowProps}
    />
  );

  return (
    <section className="touch-group" aria-labelledby={headingId} data-testid={`group-${id}`}>
      <div className="touch-group__header">
        <h2 id={headingId} className="touch-group__heading" tabIndex={-1}>
          {title}{' '}
          <span className="touch-group__count">
            {touches.length}
            <span className="sr-only"> {touches.length === 1 ? 'touch' : 'touches'}</span>
          </span>
        </h2>
        {touches.length > 0 ? (
          <label className="touch-group__select-all">
            <input
              ref={selectAll}
              type="checkbox"
              checked={chosen === touches.length}
              onChange={(event) => onSelect(touches.map((touch) => touch.id), event.target.checked)}
            />
            Select all<span className="sr-only"> {title.toLowerCase()}</span>
          </label>
        ) : null}
      </div>
      {touches.length === 0 ? (
        <EmptyState>{empty}</EmptyState>
      ) : byAccount ? (
        <ul className="touch-accounts">
          {perAccount(touches).map((group) => (
            <li key={group.accountId} className="touch-account">
              <p className="touch-account__name">
                {group.accountName} <span className="touch-group__count">{group.touches.length}</span>
              </p>
              <ul className="touch-list">{group.touches.map(row)}</ul>
            </li>
          ))}
        </ul>
      ) : (
        <ul className="touch-list">{touches.map(row)}</ul>
      )}
    </section>
  );
}
