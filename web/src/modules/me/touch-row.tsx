import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Badge } from '../../ui/badge.tsx';
import { CompleteTouchForm } from './complete-touch-form.tsx';
import { type DayTouch, type TouchAction, useTouchAction } from './me.api.ts';
import { ReschedulePanel, SkipPanel, SnoozePanel } from './touch-action-panels.tsx';
import { touchKindLabel } from './touch-kinds.ts';
import { formatInZone } from './zoned-time.ts';

type Panel = 'done' | 'skip' | 'snooze' | 'reschedule';
const panels: { key: Panel; label: string }[] = [
  { key: 'done', label: 'Done' },
  { key: 'skip', label: 'Skip' },
  { key: 'snooze', label: 'Snooze' },
  { key: 'reschedule', label: 'Reschedule' },
];

type TouchRowProps = {
  touch: DayTouch;
  timeZone: string;
  today: string;
  showDate: boolean;
  overdue: boolean;
  onActionDone: (touch: DayTouch, action: TouchAction) => void;
  selected: boolean;
  onSelect: (id: string, selected: boolean) => void;
};

export function TouchRow({ touch, timeZone, today, showDate, overdue, onActionDone, selected, onSelect }: TouchRowProps) {
  const [open, setOpen] = useState<Panel | null>(null);
  const action = useTouchAction(touch.id, (done) => onActionDone(touch, done));
  const panelRef = useRef<HTMLDivElement>(null);
  const toggles = useRef(new Map<Panel, HTMLButtonElement>());
  const subjectId = `touch-${touch.id}-subject`;
  const panelId = `touch-${touch.id}-panel`;

  // An opened panel takes the focus to its first control, so Enter, type, Enter is enough.
  useEffect(() => {
    if (open) panelRef.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
  }, [open]);

  const toggle = (panel: Panel) => {
    action.reset();
    setOpen((current) => (current === panel ? null : panel));
  };
  const close = () => {
    const from = open;
    setOpen(null);
    action.reset();
    if (from) toggles.current.get(from)?.focus();
  };
  const closeRef = useRef(close);
  closeRef.current = close;
  // Escape anywhere in the open panel closes it and hands focus back to its button.
  useEffect(() => {
    const panel = panelRef.current;
    if (!open || !panel) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') closeRef.current();
    };
    panel.addEventListener('keydown', onKeyDown);
    return () => panel.removeEventListener('keydown', onKeyDown);
  }, [open]);
  const panelProps = { touch, pending: action.isPending, error: action.error, onSubmit: (a: TouchAction) => action.mutate(a), onCancel: close };

  return (
    <li className={overdue ? 'touch touch--overdue' : 'touch'} data-testid="touch-row" data-touch-id={touch.id}>
      <div className="touch__summary">
        <p className="touch__top">
          <input
            type="checkbox"
            className="touch__select"
            aria-label={`Select “${touch.subject}” (${touch.account_name})`}
            checked={selected}
            onChange={(event) => onSelect(touch.id, event.target.checked)}
          />
          <Badge tone="info">{touchKindLabel(touch.kind)}</Badge>
          {touch.due_at ? (
            <span className={overdue ? 'touch__due touch__due--overdue' : 'touch__due'}>
              {overdue ? 'Overdue since ' : 'Due '}
              <time dateTime={touch.due_at}>{formatInZone(touch.due_at, timeZone, showDate)}</time>
            </span>
          ) : null}
        </p>
        <h3 id={subjectId} className="touch__subject">
          {touch.subject}
        </h3>
        <p className="touch__context">
          <Link to={`/accounts/${encodeURIComponent(touch.account_id)}`}>{touch.account_name}</Link>
          {touch.deal_title ? (
            <span>
              Deal: {touch.deal_title}
              {touch.deal_status && touch.deal_status !== 'open' ? ` (${touch.deal_status})` : null}
            </span>
          ) : null}
          {touch.contact_name ? <span>{touch.contact_name}</span> : null}
          {touch.contact_phone ? <a href={`tel:${touch.contact_phone}`}>{touch.contact_phone}</a> : null}
          {touch.contact_email ? <a href={`mailto:${touch.contact_email}`}>{touch.contact_email}</a> : null}
        </p>
        {touch.notes ? <p className="touch__notes">{touch.notes}</p> : null}
      </div>
      <div className="touch__actions">
        {panels.map((panel) => (
          <button
            key={panel.key}
            type="button"
            className={open === panel.key ? 'button' : 'button button--secondary'}
            aria-expanded={open === panel.key}
            aria-controls={open === panel.key ? panelId : undefined}
            aria-describedby={subjectId}
            data-action={panel.key}
            ref={(element) => {
              if (element) toggles.current.set(panel.key, element);
              else toggles.current.delete(panel.key);
            }}
            onClick={() => toggle(panel.key)}
          >
            {panel.label}
          </button>
        ))}
      </div>
      {open ? (
        <div id={panelId} ref={panelRef} className="touch__panel">
          {open === 'done' ? <CompleteTouchForm {...panelProps} timeZone={timeZone} today={today} /> : null}
          {open === 'skip' ? <SkipPanel {...panelProps} /> : null}
          {open === 'snooze' ? <SnoozePanel {...panelProps} /> : null}
          {open === 'reschedule' ? <ReschedulePanel {...panelProps} timeZone={timeZone} today={today} /> : null}
        </div>
      ) : null}
    </li>
  );
}
