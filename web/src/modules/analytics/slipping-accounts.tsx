import { Link } from 'react-router-dom';
import { formatMoney, formatDate } from '../../ui/format.ts';
import { LoadMoreButton } from '../../ui/load-more-button.tsx';
import { EmptyState, ErrorMessage } from '../../ui/status.tsx';
import { accountPath } from '../accounts/accounts-table.tsx';
import { useSlippingAccounts } from './analytics.api.ts';
import { SkeletonRows } from '../../ui/skeleton.tsx';

/** Customers past their own ordering rhythm by the lateness factor, most valuable first. */
export function SlippingAccounts() {
  const list = useSlippingAccounts();
  const accounts = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="card panel" aria-labelledby="slipping-heading">
      <h2 id="slipping-heading">Slipping customers</h2>
      <p className="panel__intro">Late against their own rhythm between orders, the most valuable first.</p>
      {list.isPending ? <SkeletonRows label="Loading slipping customers…" /> : null}
      {list.isError ? <ErrorMessage error={list.error} title="Could not load slipping customers." /> : null}
      {list.isSuccess && accounts.length === 0 ? <EmptyState>Nobody is late. Well done.</EmptyState> : null}
      {accounts.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table" data-testid="slipping-accounts">
            <caption className="sr-only">Slipping customers</caption>
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Last order</th>
                <th scope="col">Usual gap</th>
                <th scope="col">Expected by</th>
                <th scope="col">CLV</th>
                <th scope="col">Health</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((account) => (
                <tr key={account.account_id}>
                  <th scope="row">
                    <Link to={accountPath(account.account_id)} className="row-link">
                      {account.account_name}
                    </Link>
                    <div className="muted">{`${account.segment_label} · ${account.owner_name ?? 'Unassigned'}`}</div>
                  </th>
                  <td>{`${formatDate(account.last_order_on)} (${account.recency_days} days)`}</td>
                  <td>{account.median_latency_days === null ? '–' : `${Math.round(account.median_latency_days)} days`}</td>
                  <td>{account.next_expected_order_on ? formatDate(account.next_expected_order_on) : '–'}</td>
                  <td>{account.clv === null ? '–' : formatMoney(account.clv)}</td>
                  <td>{account.health}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMoreButton hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => list.fetchNextPage()} />
    </section>
  );
}
