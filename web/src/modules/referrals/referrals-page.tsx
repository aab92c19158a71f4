import { ExportButton } from '../exports/export-button.tsx';
import { Link } from 'react-router-dom';
import { formatMoney } from '../../ui/format.ts';
import { LoadMoreButton } from '../../ui/load-more-button.tsx';
import { EmptyState, ErrorMessage } from '../../ui/status.tsx';
import '../service/service.css';
import { type ReferralStats, useReferralStats, useReferrals } from './referrals.api.ts';
import { ReferralsTable } from './referrals-table.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { SkeletonRows } from '../../ui/skeleton.tsx';

function Leaderboard({ stats }: { stats: ReferralStats }) {
  const { totals } = stats;
  return (
    <section className="card panel" aria-labelledby="leaderboard-heading">
      <h2 id="leaderboard-heading">Who recommends us</h2>
      <dl className="stat-tiles">
        <div>
          <dt>Revenue from referrals</dt>
          <dd data-testid="referral-revenue">{formatMoney(totals.revenue)}</dd>
        </div>
        <div>
          <dt>Referrals (won)</dt>
          <dd>{`${totals.referrals} (${totals.won})`}</dd>
        </div>
        <div>
          <dt>Conversion</dt>
          <dd>{totals.conversion_rate === null ? '–' : `${Math.round(totals.conversion_rate * 100)} %`}</dd>
        </div>
      </dl>
      {stats.leaderboard.length === 0 ? (
        <EmptyState>No referrals yet.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="data-table" data-testid="leaderboard">
            <caption className="sr-only">Referrers by revenue they brought</caption>
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Referrals</th>
                <th scope="col">Won</th>
                <th scope="col">Revenue</th>
              </tr>
            </thead>
            <tbody>
              {stats.leaderboard.map((row) => (
                <tr key={row.account_id}>
                  <th scope="row">
                    <Link to={`/accounts/${encodeURIComponent(row.account_id)}`}>{row.account_name}</Link>
                  </th>
                  <td>{row.referrals}</td>
                  <td>{row.won}</td>
                  <td>{formatMoney(row.revenue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function ReferralsPage() {
  const stats = useReferralStats();
  const list = useReferrals();
  const referrals = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <title>Referrals · Afterclose</title>
      <PageHeader
        title="Referrals"
        description="People your customers recommended, who recommends most, and what the referrals bought."
        actions={<ExportButton list="referrals" filters={{}} label="Export referrals" />}
      />
      {stats.isPending || list.isPending ? <SkeletonRows label="Loading referrals…" /> : null}
      {stats.isError ? <ErrorMessage error={stats.error} title="Could not load the leaderboard." /> : null}
      {list.isError ? <ErrorMessage error={list.error} title="Could not load referrals." /> : null}
      <div className="stack">
        {stats.isSuccess ? <Leaderboard stats={stats.data} /> : null}
        <section aria-label="All referrals">{referrals.length > 0 ? <ReferralsTable referrals={referrals} /> : null}</section>
      </div>
      <LoadMoreButton hasMore={list.isSuccess && list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => list.fetchNextPage()} />
    </>
  );
}
