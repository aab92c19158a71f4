import { Link } from 'react-router-dom';
import { Badge } from '../../ui/badge.tsx';
import { formatMoney, formatDate, pluralize } from '../../ui/format.ts';
import { ACCOUNT_SNOOZE_DAYS, type AttentionGap, reasonLabel } from './attention.api.ts';

type AttentionTableProps = {
  gaps: AttentionGap[];
  days: number;
  snoozingId: string | null;
  onSnooze: (accountId: string) => void;
};

export function AttentionTable({ gaps, days, snoozingId, onSnooze }: AttentionTableProps) {
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="attention-table">
        <caption className="sr-only">Customers needing attention, highest revenue of the last 12 months first</caption>
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">Owner</th>
            <th scope="col">Last touch</th>
            <th scope="col">Next touch</th>
            <th scope="col">Revenue, 12 months</th>
            <th scope="col">Why</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {gaps.map((gap) => {
            const nameId = `attention-${gap.account_id}-name`;
            return (
              <tr key={gap.account_id} data-testid="attention-row" data-account-id={gap.account_id}>
                <th scope="row" id={nameId}>
                  <Link className="row-link" to={`/accounts/${encodeURIComponent(gap.account_id)}`}>
                    {gap.name}
                  </Link>
                </th>
                <td>{gap.owner_name ?? <span className="muted">Unassigned</span>}</td>
                <td>
                  {gap.last_touch_at ? (
                    <>
                      <time dateTime={gap.last_touch_at}>{formatDate(gap.last_touch_at)}</time>
                      {gap.days_since_touch !== null ? (
                        <span className="muted"> ({pluralize(gap.days_since_touch, 'day')} ago)</span>
                      ) : null}
                    </>
                  ) : (
                    <span className="muted">Never</span>
                  )}
                </td>
                <td>
                  {gap.next_touch_at ? (
                    <time dateTime={gap.next_touch_at}>{formatDate(gap.next_touch_at)}</time>
                  ) : (
                    <span className="muted">None planned</span>
                  )}
                </td>
                <td className="attention-amount">{formatMoney(gap.revenue_12m)}</td>
                <td>
                  <span className="tag-list">
                    {gap.reasons.map((reason) => (
                      <Badge key={reason} tone={reason === 'no_touch' ? 'warning' : 'danger'}>
                        {reasonLabel(reason, days)}
                      </Badge>
                    ))}
                  </span>
                </td>
                <td>
                  <button
                    type="button"
                    className="button button--secondary"
                    data-action="snooze"
                    aria-describedby={nameId}
                    aria-busy={snoozingId === gap.account_id}
                    onClick={() => onSnooze(gap.account_id)}
                  >
                    {snoozingId === gap.account_id ? 'Snoozing…' : `Snooze ${ACCOUNT_SNOOZE_DAYS} days`}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
