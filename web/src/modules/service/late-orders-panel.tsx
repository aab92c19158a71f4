import { Link } from 'react-router-dom';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { Badge } from '../../ui/badge.tsx';
import { formatDate, pluralize } from '../../ui/format.ts';
import { SkeletonRows } from '../../ui/skeleton.tsx';
import { ErrorMessage } from '../../ui/status.tsx';
import { type LateOrder, useLateOrders } from './late-orders.api.ts';
import { canManageService } from './service.api.ts';
import { ExpectedShippingForm } from '../fulfilment/expected-shipping-form.tsx';

function lateBy(shipBy: string): string {
  const hours = Math.floor((Date.now() - new Date(shipBy).getTime()) / 3_600_000);
  if (hours < 1) return 'Less than an hour';
  if (hours < 48) return pluralize(hours, 'hour');
  return pluralize(Math.floor(hours / 24), 'day');
}

// A ship-by moment is midnight after the last working day: the promise names the day before it.
const promisedDay = (shipBy: string) => formatDate(new Date(new Date(shipBy).getTime() - 1).toISOString());

function LateOrderRow({ order }: { order: LateOrder }) {
  return (
    <tr data-testid="late-order-row">
      <th scope="row">{order.number}</th>
      <td>
        <Link to={`/accounts/${encodeURIComponent(order.account_id)}`}>{order.account_name}</Link>
      </td>
      <td>{promisedDay(order.ship_by)}</td>
      <td>{lateBy(order.ship_by)}</td>
      <td>{order.responsible_name ?? 'Nobody'}</td>
      <td>
        {order.escalated ? <Badge tone="danger">Escalated</Badge> : <Badge tone="warning">Late</Badge>}
      </td>
      <td>
        <ExpectedShippingForm orderId={order.id} orderNumber={order.number} expectedShipOn={order.expected_ship_on} />
      </td>
    </tr>
  );
}

/** For managers: every order past its promised ship date, the longest overdue first. */
export function LateOrdersPanel() {
  const user = useSignedInUser();
  const manager = canManageService(user.role);
  const late = useLateOrders(manager);
  if (!manager) return null;
  const orders = late.data?.items ?? [];
  return (
    <section className="card panel" aria-labelledby="late-orders-heading" data-testid="late-orders">
      <h2 id="late-orders-heading">Late orders</h2>
      <p className="muted">Orders not shipped by the day we promised. The person responsible has a task for each; one late by twice the promise is escalated to a manager.</p>
      {late.isPending ? <SkeletonRows label="Loading late orders…" /> : null}
      {late.isError ? <ErrorMessage error={late.error} title="Could not load late orders." /> : null}
      {late.isSuccess && orders.length === 0 ? <p>Every order is on time.</p> : null}
      {orders.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="sr-only">Orders past their promised ship date, the longest overdue first</caption>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Customer</th>
                <th scope="col">Promised by</th>
                <th scope="col">Late by</th>
                <th scope="col">Responsible</th>
                <th scope="col">State</th>
                <th scope="col">New ship date</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((order) => (
                <LateOrderRow key={order.id} order={order} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
