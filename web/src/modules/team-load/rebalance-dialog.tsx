import { formatDate, formatDay, pluralize } from '../../ui/format.ts';
import { ModalDialog } from '../../ui/modal-dialog.tsx';
import { SkeletonRows } from '../../ui/skeleton.tsx';
import { ErrorMessage } from '../../ui/status.tsx';
import type { Rebalance } from './team-load.api.ts';

type RebalanceDialogProps = {
  preview: { data: Rebalance | undefined; error: Error | null; isPending: boolean };
  applying: boolean;
  applyError: Error | null;
  onConfirm: () => void;
  onClose: () => void;
};

// A long list helps nobody decide; the count and the first moves do.
const shownMoves = 30;

/** Shows what one rebalance would move before anything moves, and what stays over capacity. */
export function RebalanceDialog({ preview, applying, applyError, onConfirm, onClose }: RebalanceDialogProps) {
  const moves = preview.data?.moves ?? [];
  const stillOver = preview.data?.still_over ?? [];
  return (
    <ModalDialog title="Rebalance the team’s load?" onClose={onClose} wide>
      {preview.isPending ? <SkeletonRows label="Working out what can move…" rows={3} /> : null}
      {preview.error ? <ErrorMessage error={preview.error} title="Could not work out the moves." /> : null}
      {preview.data ? (
        <div data-testid="rebalance-preview">
          <p className="modal__lead">
            {moves.length > 0
              ? `${pluralize(moves.length, 'task')} that can wait move to the first day with room inside the window each was allowed. They stay with the same person; nothing else changes.`
              : 'Nothing can move: the work over capacity has no slack (it keeps its deadline), or no day in its window has room.'}
          </p>
          {moves.length > 0 ? (
            <ul className="rebalance-moves" aria-label="Tasks that move">
              {moves.slice(0, shownMoves).map((move) => (
                <li key={move.touch_id}>
                  <span>
                    <strong>{move.subject}</strong> · {move.account_name} · {move.assignee_name}
                  </span>
                  <span className="rebalance-moves__days">
                    {formatDate(move.from_due_at)} → {formatDate(move.to_due_at)}
                  </span>
                </li>
              ))}
              {moves.length > shownMoves ? <li className="muted">and {pluralize(moves.length - shownMoves, 'more task')}</li> : null}
            </ul>
          ) : null}
          {stillOver.length > 0 ? (
            <div className="rebalance-still-over">
              <p>Still over capacity afterwards (work without slack keeps its deadline):</p>
              <ul>
                {stillOver.map((day) => (
                  <li key={`${day.assignee_id}-${day.day}`}>
                    {day.name}, {formatDay(day.day)}: {day.planned} planned, room for {day.capacity}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      ) : null}
      {applyError ? <ErrorMessage error={applyError} title="Nothing was moved." /> : null}
      <div className="modal__buttons">
        <button type="button" className="button button--secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button" disabled={moves.length === 0 || applying} onClick={onConfirm}>
          {applying ? 'Moving…' : `Move ${pluralize(moves.length, 'task')}`}
        </button>
      </div>
    </ModalDialog>
  );
}
