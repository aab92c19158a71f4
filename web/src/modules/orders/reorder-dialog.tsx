import { ModalDialog } from '../../ui/modal-dialog.tsx';
import { formatDate } from '../../ui/format.ts';
import { describeSpecs, OrderLines } from './order-lines.tsx';
import { type Order, useReorder } from './orders.api.ts';

type ReorderDialogProps = {
  order: Order;
  billing: Record<string, unknown> | null;
  onClose: () => void;
  onPlaced: (order: Order) => void;
};

/** Shows what the reorder will contain and where it is billed, and places it only on confirmation. */
export function ReorderDialog({ order, billing, onClose, onPlaced }: ReorderDialogProps) {
  const reorder = useReorder();
  const billedTo = billing ?? order.billing;
  return (
    <ModalDialog title={`Reorder ${order.number}?`} onClose={onClose} wide>
      <p className="modal__lead">
        A new order with the same items, quantities and specs as {order.number} from {formatDate(order.placed_at)}. Catalogue items are priced at
        today's prices.
      </p>
      <OrderLines lines={order.lines} currency={order.currency} caption={`What will be ordered again from ${order.number}`} showPrices={false} />
      <p className="reorder__billing">
        <strong>Billed to: </strong>
        {billedTo && Object.keys(billedTo).length > 0 ? describeSpecs(billedTo) : 'No billing details remembered'}
      </p>
      {reorder.error ? (
        <div className="status status--error" role="alert">
          {reorder.error.message}
        </div>
      ) : null}
      <div className="modal__buttons">
        <button type="button" className="button button--secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button" disabled={reorder.isPending} onClick={() => reorder.mutate({ orderId: order.id }, { onSuccess: onPlaced })}>
          {reorder.isPending ? 'Placing…' : 'Place the order'}
        </button>
      </div>
    </ModalDialog>
  );
}
