import type { PendingClose } from './use-undoable-close.ts';

/** The few seconds in which a win or loss can still be taken back. */
export function UndoToast({ pending, onUndo }: { pending: PendingClose | null; onUndo: () => void }) {
  return (
    <div aria-live="polite" data-testid="undo-region">
      {pending ? (
        <div className="toast" data-testid="undo-toast">
          <span>
            {pending.outcome.status === 'won' ? 'Marking as won' : 'Marking as lost'}: {pending.title}
          </span>
          <button type="button" className="button button--secondary button--small" onClick={onUndo}>
            Undo
          </button>
        </div>
      ) : null}
    </div>
  );
}
