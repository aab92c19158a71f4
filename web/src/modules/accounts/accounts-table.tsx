import type { MouseEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Badge } from '../../ui/badge.tsx';
import { formatDate } from '../../ui/format.ts';
import type { AccountSummary } from './accounts.api.ts';
import { LifecycleBadge } from './lifecycle-badge.tsx';

export const accountPath = (id: string) => `/accounts/${encodeURIComponent(id)}`;

export function AccountsTable({ accounts }: { accounts: AccountSummary[] }) {
  const navigate = useNavigate();

  const openRow = (event: MouseEvent<HTMLTableRowElement>, id: string) => {
    // Links and text selection keep their own behaviour; the rest of the row is a big target.
    if (event.target instanceof Element && event.target.closest('a, button')) return;
    if (window.getSelection()?.toString()) return;
    navigate(accountPath(id));
  };

  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="accounts-table">
        <caption className="sr-only">Accounts</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col" className="narrow-hidden">Lifecycle</th>
            <th scope="col">Owner</th>
            <th scope="col" className="narrow-hidden">Last order</th>
            <th scope="col">Health</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((account) => (
            // Keyboard users reach the same page through the name link (Enter), so the row
            // itself stays out of the tab order instead of doubling every stop.
            <tr
              key={account.id}
              className="data-table__row--link"
              data-testid="account-row"
              onClick={(event) => openRow(event, account.id)}
            >
              <th scope="row">
                <Link to={accountPath(account.id)} className="row-link">
                  {account.name}
                </Link>
                {account.kind === 'person' ? <span className="muted"> · Person</span> : null}
              </th>
              <td className="narrow-hidden">
                <LifecycleBadge lifecycle={account.lifecycle} />
              </td>
              <td>{account.owner_name ?? <span className="muted">Unassigned</span>}</td>
              <td className="narrow-hidden">
                {account.last_order_at ? (
                  <time dateTime={account.last_order_at}>{formatDate(account.last_order_at)}</time>
                ) : (
                  <span className="muted">No orders</span>
                )}
              </td>
              <td>{account.health === null ? <span className="muted">Not scored</span> : <HealthBadge health={account.health} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HealthBadge({ health }: { health: number }) {
  const [tone, label] = health >= 70 ? (['success', 'Healthy'] as const) : health >= 40 ? (['warning', 'Watch'] as const) : (['danger', 'At risk'] as const);
  return (
    <Badge tone={tone}>
      {label} · {health}
    </Badge>
  );
}
