import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../ui/status.tsx';
import type { DayTouch, TouchAction } from './me.api.ts';
import { zonedInstant, zonedParts } from './zoned-time.ts';

type PanelProps = {
  touch: DayTouch;
  pending: boolean;
  error: Error | null;
  onSubmit: (action: TouchAction) => void;
  onCancel: () => void;
};

function PanelButtons({ label, pending, onCancel }: { label: string; pending: boolean; onCancel: () => void }) {
  return (
    <div className="touch-panel__buttons">
      <button type="submit" className="button" disabled={pending}>
        {pending ? 'Saving…' : label}
      </button>
      <button type="button" className="button button--secondary" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

export function SkipPanel({ touch, pending, error, onSubmit, onCancel }: PanelProps) {
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(reason.trim() ? { type: 'skip', reason: reason.trim() } : { type: 'skip' });
  };
  return (
    <form className="touch-panel" onSubmit={submit} aria-label={`Skip: ${touch.subject}`}>
      {error ? <ErrorMessage error={error} /> : null}
      <div className="field">
        <label htmlFor={`touch-${touch.id}-skip-reason`}>Reason (optional)</label>
        <input id={`touch-${touch.id}-skip-reason`} className="input" maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <PanelButtons label="Skip touch" pending={pending} onCancel={onCancel} />
    </form>
  );
}

const snoozeChoices = [
  { days: 1, label: '1 day' },
  { days: 3, label: '3 days' },
  { days: 7, label: '7 days' },
];

export function SnoozePanel({ touch, pending, error, onSubmit, onCancel }: PanelProps) {
  return (
    <div className="touch-panel">
      {error ? <ErrorMessage error={error} /> : null}
      <fieldset className="touch-panel__choices">
        <legend>
          Snooze<span className="sr-only"> “{touch.subject}”</span> for
        </legend>
        {snoozeChoices.map((choice) => (
          <button
            key={choice.days}
            type="button"
            className="button button--secondary"
            disabled={pending}
            onClick={() => onSubmit({ type: 'snooze', days: choice.days })}
          >
            {choice.label}
          </button>
        ))}
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </fieldset>
    </div>
  );
}

type ReschedulePanelProps = PanelProps & { timeZone: string; today: string };

/** Moves the touch to another day at the same time of day it had. */
export function ReschedulePanel({ touch, pending, error, onSubmit, onCancel, timeZone, today }: ReschedulePanelProps) {
  const current = touch.due_at ? zonedParts(touch.due_at, timeZone) : { date: today, time: '09:00' };
  const [date, setDate] = useState(current.date < today ? today : current.date);
  const inputId = `touch-${touch.id}-reschedule-date`;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (date) onSubmit({ type: 'reschedule', due_at: zonedInstant(date, current.time, timeZone) });
  };
  return (
    <form className="touch-panel" onSubmit={submit} aria-label={`Reschedule: ${touch.subject}`}>
      {error ? <ErrorMessage error={error} /> : null}
      <div className="field">
        <label htmlFor={inputId}>New due date</label>
        <input id={inputId} className="input input--narrow" type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
      </div>
      <PanelButtons label="Reschedule" pending={pending} onCancel={onCancel} />
    </form>
  );
}
