import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api.ts';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import type { Deal } from '../deals/deals.api.ts';
import type { TeamMember } from '../me/me.api.ts';
import { type NextStepDraft, NextStepFields } from '../me/next-step-fields.tsx';
import { type TouchKind, touchKindLabels } from '../me/touch-kinds.ts';
import { zonedInstant } from '../me/zoned-time.ts';
import type { Contact, PlanTouchInput } from './accounts.api.ts';
import { nextWorkingDay } from './next-working-day.ts';
import { TouchDealFields, useTouchDeal } from './touch-deal-fields.tsx';

type PlanTouchFormProps = {
  accountId: string;
  accountName: string;
  deals: Deal[];
  contacts: Contact[];
  team: TeamMember[];
  timeZone: string;
  pending: boolean;
  error: Error | null;
  onSubmit: (body: PlanTouchInput) => void;
  onCancel: () => void;
};

/** A touch to do later, with the same next-step fields as My day; on an open deal it becomes the deal's next step. */
export function PlanTouchForm({ accountId, accountName, deals, contacts, team, timeZone, pending, error, onSubmit, onCancel }: PlanTouchFormProps) {
  const me = useSignedInUser();
  const idPrefix = `plan-${accountId}`;
  const errorId = `${idPrefix}-error`;
  const [draft, setDraft] = useState<NextStepDraft>({ kind: 'call', subject: '', assignee_id: me.id, ...nextWorkingDay(timeZone) });
  const [dealId, setDealId] = useTouchDeal(deals);
  const [contactId, setContactId] = useState('');
  const [notes, setNotes] = useState('');
  const [localError, setLocalError] = useState<{ field: string; message: string } | null>(null);
  const apiError = error instanceof ApiError ? error : null;
  const shown = localError ?? (error ? { field: apiError?.field ?? '', message: apiError?.message ?? 'Something went wrong. Please try again.' } : null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!draft.kind) return setLocalError({ field: 'kind', message: 'Choose what kind of touch to plan.' });
    if (!draft.date || !draft.time) return setLocalError({ field: draft.date ? 'time' : 'date', message: 'Pick when it is due.' });
    const kind = draft.kind as TouchKind;
    setLocalError(null);
    onSubmit({
      account_id: accountId,
      kind,
      subject: draft.subject.trim() || `${touchKindLabels[kind]} with ${accountName}`,
      assignee_id: draft.assignee_id,
      due_at: zonedInstant(draft.date, draft.time, timeZone),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
      ...(dealId ? { deal_id: dealId } : {}),
      ...(contactId ? { contact_id: contactId } : {}),
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Plan a touch">
      {shown ? (
        <div id={errorId} className="status status--error" role="alert">
          {shown.message}
        </div>
      ) : null}
      <NextStepFields
        idPrefix={`${idPrefix}-next`}
        draft={draft}
        onChange={(next) => {
          setDraft(next);
          setLocalError(null);
        }}
        team={team}
        invalidField={shown ? shown.field.replace('due_at', 'date').replace('assignee_id', 'assignee_id') : null}
        errorId={errorId}
      />
      <TouchDealFields idPrefix={idPrefix} deals={deals} dealId={dealId} onDealChange={setDealId} contacts={contacts} contactId={contactId} onContactChange={setContactId} />
      <div className="field">
        <label htmlFor={`${idPrefix}-notes`}>Notes (optional)</label>
        <textarea id={`${idPrefix}-notes`} className="input" rows={2} maxLength={10000} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </div>
      <p className="field__hint">Times are in {timeZone}.</p>
      <div className="form-buttons">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Saving…' : 'Plan touch'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
