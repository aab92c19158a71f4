import type { UpdateReferralInput } from '../../../../src/modules/referrals/index.ts';
import { everyServerValue } from '../../server-values.ts';
import { Link } from 'react-router-dom';
import { Badge } from '../../ui/badge.tsx';
import { formatMoney, formatDate } from '../../ui/format.ts';
import { ErrorMessage } from '../../ui/status.tsx';
import { type Referral, referralStatusLabels, referralStatusTones, useSetReferralStatus } from './referrals.api.ts';

/** The statuses a person may set by hand (won comes only from the deal). */
const manualStatuses = everyServerValue<UpdateReferralInput['status']>()(['contacted', 'deal', 'lost']);

function StatusCell({ referral }: { referral: Referral }) {
  const setStatus = useSetReferralStatus();
  if (referral.status === 'won') return <Badge tone="success">Won</Badge>;
  return (
    <>
      <label className="sr-only" htmlFor={`referral-status-${referral.id}`}>{`Status of ${referral.name}`}</label>
      <select
        id={`referral-status-${referral.id}`}
        className="input referral-status"
        value={referral.status}
        disabled={setStatus.isPending}
        onChange={(e) => setStatus.mutate({ id: referral.id, status: e.target.value as (typeof manualStatuses)[number] })}
      >
        {referral.status === 'new' ? <option value="new">{referralStatusLabels.new}</option> : null}
        {manualStatuses.map((status) => (
          <option key={status} value={status}>
            {referralStatusLabels[status]}
          </option>
        ))}
      </select>
      {setStatus.isError ? <ErrorMessage error={setStatus.error} /> : null}
    </>
  );
}

export function ReferralsTable({ referrals }: { referrals: Referral[] }) {
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="referrals-table">
        <caption className="sr-only">Referrals, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Recommended</th>
            <th scope="col">By</th>
            <th scope="col">Owner</th>
            <th scope="col">Status</th>
            <th scope="col">Won revenue</th>
          </tr>
        </thead>
        <tbody>
          {referrals.map((r) => (
            <tr key={r.id} data-testid="referral-row">
              <th scope="row">
                <Link to={`/accounts/${encodeURIComponent(r.referred_account_id)}`}>{r.referred_account_name}</Link>
                <span className="muted">{` ${r.name !== r.referred_account_name ? `${r.name}, ` : ''}${formatDate(r.created_at)}`}</span>
              </th>
              <td>
                <Link to={`/accounts/${encodeURIComponent(r.account_id)}`}>{r.referrer_name}</Link>
              </td>
              <td>{r.owner_name ?? <span className="muted">Nobody</span>}</td>
              <td>
                {r.status === 'lost' ? <Badge tone={referralStatusTones.lost}>Lost</Badge> : <StatusCell referral={r} />}
              </td>
              <td>{formatMoney(r.attributed_revenue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
