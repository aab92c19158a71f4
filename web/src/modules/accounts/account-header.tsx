import { Badge } from '../../ui/badge.tsx';
import { formatDate } from '../../ui/format.ts';
import { AccountActions } from './account-actions.tsx';
import type { Account } from './accounts.api.ts';
import { addressOf, formatAddress } from './postal-address.ts';
import { LifecycleBadge } from './lifecycle-badge.tsx';

export function AccountHeader({ account }: { account: Account }) {
  return (
    <header className="account-header card" data-testid="account-header">
      <div className="account-header__title">
        <h1>{account.name}</h1>
        <LifecycleBadge lifecycle={account.lifecycle} />
        <span className="muted">{account.kind === 'person' ? 'Person' : 'Company'}</span>
        <AccountActions account={account} />
      </div>
      <dl className="facts">
        <div>
          <dt>Owner</dt>
          <dd>{account.owner_name ?? <span className="muted">Unassigned</span>}</dd>
        </div>
        <div>
          <dt>Service owner</dt>
          <dd>{account.service_owner_name ?? <span className="muted">Unassigned</span>}</dd>
        </div>
        <div>
          <dt>Last order</dt>
          <dd>
            {account.last_order_at ? (
              <time dateTime={account.last_order_at}>{formatDate(account.last_order_at)}</time>
            ) : (
              <span className="muted">No orders</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Tags</dt>
          <dd>
            <TagList tags={account.tags} empty="No tags" />
          </dd>
        </div>
        <div>
          <dt>Postal address</dt>
          <dd>{formatAddress(addressOf(account.billing)) ?? <span className="muted">No address</span>}</dd>
        </div>
        {account.interests.length > 0 ? (
          <div>
            <dt>Interests</dt>
            <dd>
              <TagList tags={account.interests} empty="None" />
            </dd>
          </div>
        ) : null}
      </dl>
    </header>
  );
}

function TagList({ tags, empty }: { tags: string[]; empty: string }) {
  if (tags.length === 0) return <span className="muted">{empty}</span>;
  return (
    <ul className="tag-list">
      {tags.map((tag) => (
        <li key={tag}>
          <Badge>{tag}</Badge>
        </li>
      ))}
    </ul>
  );
}
