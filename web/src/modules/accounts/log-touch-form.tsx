import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api.ts';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import type { Deal } from '../deals/deals.api.ts';
import type { TeamMember } from '../me/me.api.ts';
import { type NextStepDraft, NextStepFields, nextStepFromDraft } from '../me/next-step-fields.tsx';
import { conversationKinds, type TouchKind, touchKindLabels } from '../me/touch-kinds.ts';
import type { Contact, LogTouchInput } from './accounts.api.ts';
import { nextWorkingDay } from './next-working-day.ts';
import { TouchDealFields, useTouchDeal } from './touch-deal-fields.tsx';

export const loggableKinds = ['call', 'meeting', 'email', 'note'] as const satisfies readonly TouchKind[];
type Ending = 'next_step' | 'won' | 'lost';

type LogTouchFormProps = {
  accountId: string;
  kind: (typeof loggableKinds)[number];
  deals: Deal[];
  contacts: Contact[];
  team: TeamMember[];
  timeZone: string;
  pending: boolean;
  error: Error | null;
  onSubmit: (body: LogTouchInput) => void;
  onCancel: () => void;
};

/**
 * What happened, logged as done now. On an open deal a conversation must end with a dated next step
 * (or the deal won or lost), the same rule and fields as finishing a touch on My day.
 */
export function LogTouchForm({ accountId, kind, deals, contacts, team, timeZone, pending, error, onSubmit, onCancel }: LogTouchFormProps) {
  const me = useSignedInUser();
  const idPrefix = `log-${accountId}`;
  const errorId = `${idPrefix}-error`;
  const [subject, setSubject] = useState(touchKindLabels[kind]);
  const [outcome, setOutcome] = useState('');
  const [dealId, setDealId] = useTouchDeal(deals);
  const [contactId, setContactId] = useState('');
  const [ending, setEnding] = useState<Ending>('next_step');
  const [reason, setReason] = useState('');
  const [draft, setDraft] = useState<NextStepDraft>({ kind: 'call', subject: '', assignee_id: me.id, ...nextWorkingDay(timeZone) });
  const [localError, setLocalError] = useState<{ field: string; message: string } | null>(null);

  const apiError = error instanceof ApiError ? error : null;
  const nextStepRequired = dealId !== '' && conversationKinds.includes(kind);
  const askForNextStep = dealId !== '' || Boolean(apiError?.field?.startsWith('next_step'));
  const shown = localError ?? (error ? { field: apiError?.field ?? '', message: apiError?.message ?? 'Something went wrong. Please try again.' } : null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!subject.trim()) return setLocalError({ field: 'subject', message: 'Say in a few words what it was about.' });
    const body: LogTouchInput = {
      account_id: accountId,
      kind,
      subject: subject.trim(),
      ...(outcome.trim() ? { outcome: outcome.trim() } : {}),
      ...(dealId ? { deal_id: dealId } : {}),
      ...(contactId ? { contact_id: contactId } : {}),
    };
    if (askForNextStep && ending !== 'next_step') {
      body.deal_outcome = reason.trim() ? { status: ending, reason: reason.trim() } : { status: ending };
    } else if (askForNextStep && (nextStepRequired || draft.kind)) {
      const next = nextStepFromDraft(draft, timeZone);
      if ('problem' in next) return setLocalError(next.problem);
      body.next_step = next.step;
    }
    setLocalError(null);
    onSubmit(body);
  };

  return (
    <form onSubmit={submit} noValidate aria-label={`Log a ${touchKindLabels[kind].toLowerCase()}`}>
      {shown ? (
        <div id={errorId} className="status status--error" role="alert">
          {shown.message}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={`${idPrefix}-subject`}>What was it about?</label>
        <input id={`${idPrefix}-subject`} className="input" value={subject} maxLength={300} aria-invalid={shown?.field === 'subject'} onChange={(e) => setSubject(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-outcome`}>Outcome</label>
        <textarea id={`${idPrefix}-outcome`} className="input" rows={2} maxLength={2000} value={outcome} onChange={(e) => setOutcome(e.target.value)} />
      </div>
      <TouchDealFields idPrefix={idPrefix} deals={deals} dealId={dealId} onDealChange={setDealId} contacts={contacts} contactId={contactId} onContactChange={setContactId} />
      {askForNextStep ? (
        <fieldset className="touch-fieldset touch-fieldset--inline">
          <legend>How did it end?</legend>
          {(['next_step', 'won', 'lost'] as const).map((value) => (
            <label key={value} className="checkbox">
              <input type="radio" name={`${idPrefix}-ending`} checked={ending === value} onChange={() => setEnding(value)} />
              {{ next_step: 'Agreed a next step', won: 'Deal won', lost: 'Deal lost' }[value]}
            </label>
          ))}
        </fieldset>
      ) : null}
      {askForNextStep && ending === 'next_step' ? (
        <>
          {nextStepRequired ? <p className="field__hint">A conversation on an open deal ends with a dated next step.</p> : null}
          <NextStepFields
            idPrefix={`${idPrefix}-next`}
            draft={draft}
            onChange={(next) => {
              setDraft(next);
              setLocalError(null);
            }}
            team={team}
            invalidField={shown ? (shown.field.replace(/^next_step\.?/, '').replace('due_at', 'date') || 'kind') : null}
            errorId={errorId}
          />
          <p className="field__hint">Times are in {timeZone}.</p>
        </>
      ) : null}
      {askForNextStep && ending !== 'next_step' ? (
        <div className="field">
          <label htmlFor={`${idPrefix}-reason`}>{ending === 'won' ? 'Why was it won? (optional)' : 'Why was it lost? (optional)'}</label>
          <input id={`${idPrefix}-reason`} className="input" maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
      ) : null}
      <div className="form-buttons">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Saving…' : `Log ${touchKindLabels[kind].toLowerCase()}`}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
