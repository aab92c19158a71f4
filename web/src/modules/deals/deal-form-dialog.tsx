import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api.ts';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { ModalDialog } from '../../ui/modal-dialog.tsx';
import { useTeam } from '../me/me.api.ts';
import { type DealStage, pipelineStages, stageLabels } from './deals.api.ts';

export type DealDraft = {
  title: string;
  value: string;
  currency: string;
  stage: DealStage;
  owner_id: string;
  expected_close_on: string;
};

type DealFormDialogProps = {
  title: string;
  initial: DealDraft;
  /** Creating picks the first stage; an open deal moves stage on the board or its page instead. */
  askStage: boolean;
  submitLabel: string;
  pending: boolean;
  error: Error | null;
  onSubmit: (draft: DealDraft) => void;
  onClose: () => void;
};

const fieldLabels: Record<string, string> = {
  title: 'Title',
  value: 'Value',
  currency: 'Currency',
  stage: 'Stage',
  owner_id: 'Owner',
  expected_close_on: 'Expected close date',
};

export function DealFormDialog({ title, initial, askStage, submitLabel, pending, error, onSubmit, onClose }: DealFormDialogProps) {
  const me = useSignedInUser();
  const team = useTeam();
  const [draft, setDraft] = useState(initial);
  const [missing, setMissing] = useState<string | null>(null);
  const set = (patch: Partial<DealDraft>) => {
    setDraft({ ...draft, ...patch });
    setMissing(null);
  };
  const apiError = error instanceof ApiError ? error : null;
  const invalid = missing ?? apiError?.field ?? null;
  const message = missing ? `${fieldLabels[missing]} is required.` : error ? `${apiError?.field ? `${fieldLabels[apiError.field] ?? 'This field'}: ` : ''}${error.message}` : null;
  const errorProps = (field: keyof DealDraft) => (invalid === field ? { 'aria-invalid': true, 'aria-describedby': 'deal-form-error' } : {});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!draft.title.trim()) return setMissing('title');
    if (draft.value.trim() === '' || Number.isNaN(Number(draft.value))) return setMissing('value');
    onSubmit(draft);
  };
  const people = team.data ?? [{ id: me.id, name: me.name }];

  return (
    <ModalDialog title={title} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {message ? (
          <div id="deal-form-error" className="status status--error" role="alert">
            {message}
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="deal-title">Title</label>
          <input id="deal-title" className="input" maxLength={300} value={draft.title} onChange={(e) => set({ title: e.target.value })} {...errorProps('title')} />
        </div>
        <div className="fields-row">
          <div className="field">
            <label htmlFor="deal-value">Value</label>
            <input id="deal-value" className="input" type="number" min={0} step="any" inputMode="decimal" value={draft.value} onChange={(e) => set({ value: e.target.value })} {...errorProps('value')} />
          </div>
          <div className="field">
            <label htmlFor="deal-currency">Currency</label>
            <select id="deal-currency" className="input" value={draft.currency} onChange={(e) => set({ currency: e.target.value })} {...errorProps('currency')}>
              {['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN'].map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="fields-row">
          {askStage ? (
            <div className="field">
              <label htmlFor="deal-stage">Stage</label>
              <select id="deal-stage" className="input" value={draft.stage} onChange={(e) => set({ stage: e.target.value as DealStage })}>
                {pipelineStages.map((stage) => (
                  <option key={stage} value={stage}>
                    {stageLabels[stage]}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="deal-owner">Owner</label>
            <select id="deal-owner" className="input" value={draft.owner_id} onChange={(e) => set({ owner_id: e.target.value })} {...errorProps('owner_id')}>
              {people.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="deal-close">Expected close date</label>
            <input id="deal-close" className="input" type="date" value={draft.expected_close_on} onChange={(e) => set({ expected_close_on: e.target.value })} {...errorProps('expected_close_on')} />
          </div>
        </div>
        <div className="modal__buttons">
          <button type="button" className="button button--secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button" disabled={pending}>
            {pending ? 'Saving…' : submitLabel}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
