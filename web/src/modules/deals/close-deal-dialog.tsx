import { type FormEvent, useState } from 'react';
import { ModalDialog } from '../../ui/modal-dialog.tsx';
import { formatMoney } from '../../ui/format.ts';
import type { DealOutcome } from './deal-changes.api.ts';
import type { Deal } from './deals.api.ts';

type CloseDealDialogProps = {
  deal: Pick<Deal, 'title' | 'value' | 'currency' | 'account_name'>;
  status: DealOutcome['status'];
  onConfirm: (outcome: DealOutcome) => void;
  onClose: () => void;
};

/** Asks before a deal is won or lost; losing needs the reason, which the team learns from. */
export function CloseDealDialog({ deal, status, onConfirm, onClose }: CloseDealDialogProps) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const won = status === 'won';
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (won) return onConfirm({ status: 'won' });
    if (!reason.trim()) return setMissing(true);
    onConfirm({ status: 'lost', reason: reason.trim() });
  };
  return (
    <ModalDialog title={won ? 'Mark the deal as won?' : 'Mark the deal as lost?'} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p className="modal__lead">
          <strong>{deal.title}</strong> with {deal.account_name}, {formatMoney(deal.value, deal.currency)}.{' '}
          {won
            ? 'Its planned steps are cancelled and the account becomes a customer, which starts the after-sale playbooks.'
            : 'Its planned steps are cancelled.'}{' '}
          You can undo for a few seconds.
        </p>
        {won ? null : (
          <div className="field">
            <label htmlFor="lost-reason">Why was it lost?</label>
            <textarea
              id="lost-reason"
              className="input"
              rows={3}
              maxLength={1000}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                setMissing(false);
              }}
              aria-invalid={missing || undefined}
              aria-describedby={missing ? 'lost-reason-error' : undefined}
            />
            {missing ? (
              <p id="lost-reason-error" className="field-error" role="alert">
                Say why the deal was lost.
              </p>
            ) : null}
          </div>
        )}
        <div className="modal__buttons">
          <button type="button" className="button button--secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={won ? 'button' : 'button button--danger'}>
            {won ? 'Mark as won' : 'Mark as lost'}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
