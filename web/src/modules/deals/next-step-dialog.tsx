import { type FormEvent, useState } from 'react';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { ModalDialog } from '../../ui/modal-dialog.tsx';
import { useProfile, useTeam } from '../me/me.api.ts';
import { type NextStepDraft, NextStepFields, nextStepFromDraft } from '../me/next-step-fields.tsx';
import { addDaysToDate, zonedParts } from '../me/zoned-time.ts';
import type { NextStepBody } from './deal-changes.api.ts';

type NextStepDialogProps = {
  title: string;
  explanation: string;
  confirmLabel: string;
  pending: boolean;
  error: string | null;
  onConfirm: (step: NextStepBody) => void;
  onClose: () => void;
};

const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The next working day (Monday after a Friday) in the person's own zone, as YYYY-MM-DD. */
function nextWorkingDay(timeZone: string): string {
  const today = zonedParts(new Date().toISOString(), timeZone).date;
  let day = addDaysToDate(today, 1);
  while ([0, 6].includes(new Date(`${day}T12:00:00Z`).getUTCDay())) day = addDaysToDate(day, 1);
  return day;
}

/** Asks for the dated next step a move needs: a call tomorrow at 10:00 for me, unless changed. */
export function NextStepDialog({ title, explanation, confirmLabel, pending, error, onConfirm, onClose }: NextStepDialogProps) {
  const me = useSignedInUser();
  const team = useTeam();
  const timeZone = useProfile().data?.time_zone ?? browserZone;
  const [draft, setDraft] = useState<NextStepDraft>({ kind: 'call', subject: '', assignee_id: me.id, date: nextWorkingDay(timeZone), time: '10:00' });
  const [missing, setMissing] = useState<string | null>(null);
  const errorId = 'next-step-dialog-error';
  const shown = missing ?? error;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = nextStepFromDraft(draft, timeZone);
    if ('problem' in next) return setMissing(next.problem.message);
    setMissing(null);
    onConfirm(next.step);
  };

  return (
    <ModalDialog title={title} onClose={onClose} wide>
      <form onSubmit={submit} noValidate>
        <p className="modal__lead">{explanation}</p>
        {shown ? (
          <div id={errorId} className="status status--error" role="alert">
            {shown}
          </div>
        ) : null}
        <NextStepFields
          idPrefix="move-next-step"
          draft={draft}
          onChange={setDraft}
          team={team.data ?? [{ id: me.id, email: me.email, name: me.name, role: me.role, active: true }]}
          invalidField={shown ? 'date' : null}
          errorId={errorId}
        />
        <p className="field-hint">Times are in {timeZone.replace(/_/g, ' ')}.</p>
        <div className="modal__buttons">
          <button type="button" className="button button--secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={pending}>
            {pending ? 'Saving…' : confirmLabel}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
