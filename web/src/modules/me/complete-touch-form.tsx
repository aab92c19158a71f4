import { type FormEvent, useEffect, useState } from 'react';
import { ApiError } from '../../api.ts';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import type { CompleteTouchInput, DayTouch, TouchAction } from './me.api.ts';
import { useTeam } from './me.api.ts';
import { type NextStepDraft, NextStepFields, nextStepFieldIds, nextStepFromDraft } from './next-step-fields.tsx';
import { conversationKinds } from './touch-kinds.ts';
import { addDaysToDate } from './zoned-time.ts';

type Ending = 'next_step' | 'won' | 'lost';
type FieldError = { field: string; message: string };

type CompleteTouchFormProps = {
  touch: DayTouch;
  timeZone: string;
  today: string;
  pending: boolean;
  error: Error | null;
  onSubmit: (action: TouchAction) => void;
  onCancel: () => void;
};

const apiFieldToInput: Record<string, string> = {
  next_step: 'kind',
  'next_step.kind': 'kind',
  'next_step.subject': 'subject',
  'next_step.assignee_id': 'assignee_id',
  'next_step.due_at': 'date',
};
const unexpected = 'Something went wrong. Please try again.';
const inputOfField = (field: string): string => apiFieldToInput[field] ?? field;

export function CompleteTouchForm({ touch, timeZone, today, pending, error, onSubmit, onCancel }: CompleteTouchFormProps) {
  const me = useSignedInUser();
  const team = useTeam();
  const idPrefix = `touch-${touch.id}`;
  const errorId = `${idPrefix}-done-error`;
  const [outcome, setOutcome] = useState('');
  const [ending, setEnding] = useState<Ending>('next_step');
  const [reason, setReason] = useState('');
  const [draft, setDraft] = useState<NextStepDraft>({ kind: '', subject: '', assignee_id: me.id, date: addDaysToDate(today, 7), time: '09:00' });
  const [localError, setLocalError] = useState<FieldError | null>(null);

  const apiError = error instanceof ApiError ? error : null;
  const shown: FieldError | null = localError ?? (error ? { field: apiError?.field ?? '', message: apiError?.message ?? unexpected } : null);
  const onOpenDeal = touch.deal_id !== null && touch.deal_status === 'open';
  // The server has the last word: if it asks for a next step the form offers one, whatever it guessed.
  const askForNextStep = (onOpenDeal && conversationKinds.includes(touch.kind)) || Boolean(apiError?.field?.startsWith('next_step'));
  const invalidInput = shown ? inputOfField(shown.field) : null;

  // Runs for every new error, even one naming the same field again, so focus always lands on it.
  useEffect(() => {
    const field = localError?.field ?? (error instanceof ApiError ? error.field : undefined);
    if (!field) return;
    const ids: Record<string, string> = { ...nextStepFieldIds(`${idPrefix}-next`), outcome: `${idPrefix}-outcome`, deal_outcome: `${idPrefix}-ending-won` };
    document.getElementById(ids[inputOfField(field)] ?? '')?.focus();
  }, [localError, error, idPrefix]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body: CompleteTouchInput = outcome.trim() ? { outcome: outcome.trim() } : {};
    if (askForNextStep && ending !== 'next_step') {
      body.deal_outcome = reason.trim() ? { status: ending, reason: reason.trim() } : { status: ending };
    } else if (askForNextStep) {
      // Checked here so the person reads what to choose, not the API's list of required fields.
      const next = nextStepFromDraft(draft, timeZone);
      if ('problem' in next) return setLocalError(next.problem);
      body.next_step = next.step;
    }
    setLocalError(null);
    onSubmit({ type: 'complete', body });
  };

  return (
    <form className="touch-panel" onSubmit={submit} aria-label={`Complete: ${touch.subject}`} noValidate>
      {shown ? (
        <div id={errorId} className="status status--error" role="alert">
          {shown.message}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${idPrefix}-outcome`}>Outcome</label>
        <textarea id={`${idPrefix}-outcome`} className="input" rows={2} maxLength={2000} value={outcome} onChange={(e) => setOutcome(e.target.value)} />
      </div>
      {askForNextStep ? (
        <fieldset className="touch-fieldset touch-fieldset--inline">
          <legend>How did it end?</legend>
          {(['next_step', 'won', 'lost'] as const).map((value) => (
            <label key={value} className="checkbox">
              <input type="radio" id={`${idPrefix}-ending-${value}`} name={`${idPrefix}-ending`} checked={ending === value} onChange={() => setEnding(value)} />
              {{ next_step: 'Agreed a next step', won: 'Deal won', lost: 'Deal lost' }[value]}
            </label>
          ))}
        </fieldset>
      ) : null}
      {askForNextStep && ending === 'next_step' ? (
        <NextStepFields
          idPrefix={`${idPrefix}-next`}
          draft={draft}
          onChange={(next) => {
            setDraft(next);
            setLocalError(null);
          }}
          team={team.data ?? [{ id: me.id, email: me.email, name: me.name, role: me.role, active: true }]}
          invalidField={invalidInput}
          errorId={errorId}
        />
      ) : null}
      {askForNextStep && ending !== 'next_step' ? (
        <div className="field">
          <label htmlFor={`${idPrefix}-reason`}>{ending === 'won' ? 'Why was it won? (optional)' : 'Why was it lost? (optional)'}</label>
          <input id={`${idPrefix}-reason`} className="input" maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
      ) : null}
      <div className="touch-panel__buttons">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Saving…' : 'Mark done'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
