import { Link } from 'react-router-dom';
import { formatDateTime } from '../../ui/format.ts';
import { EmptyState, ErrorMessage, Loading } from '../../ui/status.tsx';
import { usePlaybookRuns } from './playbooks.api.ts';

export function PlaybookRuns({ playbookId }: { playbookId: string }) {
  const runs = usePlaybookRuns(playbookId);
  return (
    <section className="card panel" aria-labelledby="playbook-runs-heading">
      <h2 id="playbook-runs-heading">Recent runs</h2>
      {runs.isPending ? <Loading>Loading runs…</Loading> : null}
      {runs.isError ? <ErrorMessage error={runs.error} title="Could not load runs." /> : null}
      {runs.isSuccess && runs.data.length === 0 ? <EmptyState>This playbook has not started for any account yet.</EmptyState> : null}
      {runs.isSuccess && runs.data.length > 0 ? (
        <ul className="playbook-runs" data-testid="playbook-runs">
          {runs.data.map((run) => (
            <li key={run.id} className="playbook-runs__item">
              <Link to={`/accounts/${encodeURIComponent(run.account_id)}`}>{run.account_name}</Link>
              <span className="muted">
                {' '}
                · started <time dateTime={run.started_at}>{formatDateTime(run.started_at)}</time> · version {run.playbook_version}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
