import { useState } from 'react';
import { Badge } from '../../ui/badge.tsx';
import { formatDate, formatDay, formatMoney, humanize, isPast } from '../../ui/format.ts';
import { ExpectedShippingForm } from '../fulfilment/expected-shipping-form.tsx';
import { EmptyState, ErrorMessage, Loading } from '../../ui/status.tsx';
import { useAccount } from '../accounts/accounts.api.ts';
import { OrderLines } from './order-lines.tsx';
import { type Order, useAccountOrders } from './orders.api.ts';
import { ReorderDialog } from './reorder-dialog.tsx';
import './orders.css';

// A ship-by moment is midnight after the last working day: the promise names the day before it.
const promisedDay = (shipBy: string) => formatDate(new Date(new Date(shipBy).getTime() - 1).toISOString());
const isLate = (order: Order) => order.status === 'placed' && order.ship_by !== null && isPast(order.ship_by);

/** Whether a waiting order is on time: the promised day, or late and the day it now ships. */
function ShippingState({ order }: { order: Order }) {
  if (order.status !== 'placed' || !order.ship_by) return null;
  if (!isLate(order)) return <span className="muted">Ships by {promisedDay(order.ship_by)}</span>;
  return (
    <span>
      <Badge tone="warning">Late</Badge>
      {order.expected_ship_on ? <span className="muted"> now by {formatDay(order.expected_ship_on)}</span> : null}
    </span>
  );
}

/** The account's orders, newest first, each with its lines and specs and a one-step Reorder. */
export function AccountOrders({ accountId }: { accountId: string }) {
  const orders = useAccountOrders(accountId);
  const account = useAccount(accountId);
  const [reordering, setReordering] = useState<Order | null>(null);
  const [placed, setPlaced] = useState<string | null>(null);
  return (
    <section className="card panel" aria-labelledby="orders-heading">
      <h2 id="orders-heading">Orders</h2>
      <p className="sr-only" aria-live="polite">
        {placed}
      </p>
      {placed ? (
        <p className="status status--success" data-testid="reorder-placed">
          {placed}
        </p>
      ) : null}
      {orders.isPending ? <Loading>Loading orders…</Loading> : null}
      {orders.isError ? <ErrorMessage error={orders.error} title="Could not load orders." /> : null}
      {orders.isSuccess && orders.data.items.length === 0 ? <EmptyState>No orders yet.</EmptyState> : null}
      {orders.isSuccess && orders.data.items.length > 0 ? (
        <ul className="account-orders" data-testid="account-orders">
          {orders.data.items.map((order) => (
            <li key={order.id} data-testid="order" className="account-orders__order">
              <details>
                <summary>
                  <span className="account-orders__number">{order.number}</span>
                  <span>{formatDate(order.placed_at)}</span>
                  <span>{humanize(order.status)}</span>
                  <ShippingState order={order} />
                  <span className="account-orders__total">{formatMoney(order.total, order.currency)}</span>
                </summary>
                <OrderLines lines={order.lines} currency={order.currency} caption={`Lines of order ${order.number}`} />
                {isLate(order) ? <ExpectedShippingForm orderId={order.id} orderNumber={order.number} expectedShipOn={order.expected_ship_on} /> : null}
              </details>
              <button type="button" className="button button--secondary button--small" aria-label={`Reorder ${order.number}`} onClick={() => setReordering(order)}>
                Reorder
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {reordering ? (
        <ReorderDialog
          order={reordering}
          billing={account.data?.billing ?? null}
          onClose={() => setReordering(null)}
          onPlaced={(order) => {
            setReordering(null);
            setPlaced(`Order ${order.number} placed.`);
          }}
        />
      ) : null}
    </section>
  );
}
