import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../ui/status.tsx';
import { type BulkTouchInput, useBulkTouchAction, useTeam } from './me.api.ts';
import { addDaysToDate } from './zoned-time.ts';

type BulkActionsProps = {
  selectedIds: string[];
  today: string;
  currentUserId: string;
  onDone: (message: string) => void;
  onClear: () => void;
};

const doneWords: Record<BulkTouchInput['action'], string> = { reassign: 'Reassigned', snooze: 'Snoozed', skip: 'Skipped' };

/** What can be done to every selected touch at once: hand them to a colleague, put them off to a date, or skip them. */
export function BulkActions({ selectedIds, today, currentUserId, onDone, onClear }: BulkActionsProps) {
  const team = useTeam();
  const colleagues = (team.data ?? []).filter((user) => user.id !== currentUserId);
  const [assigneeId, setAssigneeId] = useState('');
  const [until, setUntil] = useState(() => addDaysToDate(today, 1));
  const bulk = useBulkTouchAction((result) => {
    onDone(`${doneWords[result.action]} ${result.changed} ${result.changed === 1 ? 'touch' : 'touches'}.`);
    onClear();
  });
  const count = selectedIds.length;
  const send = (event: FormEvent<HTMLFormElement>, body: BulkTouchInput) => {
    event.preventDefault();
    bulk.mutate(body);
  };
  const touchIds = selectedIds;

  return (
    <section className="bulk-actions" aria-label="Selected touches">
      <div className="bulk-actions__row">
        <p className="bulk-actions__count" role="status">
          {count} selected
        </p>
        <form className="bulk-actions__form" onSubmit={(e) => send(e, { action: 'reassign', touch_ids: touchIds, assignee_id: assigneeId })}>
          <label htmlFor="bulk-assignee">Reassign to</label>
          <select id="bulk-assignee" className="input" required value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)}>
            <option value="">Choose a colleague</option>
            {colleagues.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--small" disabled={bulk.isPending}>
            Reassign
          </button>
        </form>
        <form className="bulk-actions__form" onSubmit={(e) => send(e, { action: 'snooze', touch_ids: touchIds, until })}>
          <label htmlFor="bulk-until">Snooze until</label>
          <input id="bulk-until" className="input" type="date" required min={addDaysToDate(today, 1)} value={until} onChange={(e) => setUntil(e.target.value)} />
          <button type="submit" className="button button--small" disabled={bulk.isPending}>
            Snooze
          </button>
        </form>
        <form className="bulk-actions__form" onSubmit={(e) => send(e, { action: 'skip', touch_ids: touchIds })}>
          <button type="submit" className="button button--small button--secondary" disabled={bulk.isPending}>
            Skip {count === 1 ? 'it' : `all ${count}`}
          </button>
        </form>
        <button type="button" className="button button--small button--secondary" onClick={onClear}>
          Clear selection
        </button>
      </div>
      {bulk.error ? <ErrorMessage error={bulk.error} title="Nothing was changed." /> : null}
    </section>
  );
}
