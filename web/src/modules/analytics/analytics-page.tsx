import { ExportButton } from '../exports/export-button.tsx';
import { ApiError } from '../../api.ts';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { formatDate } from '../../ui/format.ts';
import { EmptyState, ErrorMessage, Loading } from '../../ui/status.tsx';
import { useFitReport } from './analytics.api.ts';
import './analytics.css';
import { ClvHistogram } from './clv-histogram.tsx';
import { CohortChart } from './cohort-chart.tsx';
import { RfmGrid } from './rfm-grid.tsx';
import { ScoreNowButton } from './score-now-button.tsx';
import { SlippingAccounts } from './slipping-accounts.tsx';
import { PageHeader } from '../../ui/page-header.tsx';

export function AnalyticsPage() {
  const user = useSignedInUser();
  const fit = useFitReport();
  const canScore = user.role === 'admin' || user.role === 'manager';
  const noScores = fit.error instanceof ApiError && fit.error.status === 404;

  return (
    <>
      <title>Analytics · Afterclose</title>
      <PageHeader
        title="Analytics"
        description={
          <>
            {fit.isSuccess ? `Scores as of ${formatDate(fit.data.run.as_of)} for ${fit.data.run.accounts} customers.` : null}
            {fit.isSuccess && fit.data.run.message ? ` ${fit.data.run.message}` : null}
          </>
        }
        actions={
          <>
            <ExportButton list="scores" filters={{}} label="Export scores" />
            {canScore ? <ScoreNowButton /> : null}
          </>
        }
      />
      {fit.isPending ? <Loading>Loading analytics…</Loading> : null}
      {noScores ? (
        <EmptyState>
          {`No scores yet. ${canScore ? 'Press “Score now” to compute them.' : 'They are computed every night; a manager can start a run now.'}`}
        </EmptyState>
      ) : null}
      {fit.isError && !noScores ? <ErrorMessage error={fit.error} title="Could not load analytics." /> : null}
      {fit.isSuccess ? (
        <div className="analytics-grid">
          <RfmGrid />
          <SlippingAccounts />
          <CohortChart />
          <ClvHistogram />
        </div>
      ) : null}
    </>
  );
}
