import { EmptyState, ErrorMessage, Loading } from '../../ui/status.tsx';
import { formatDuration, formatRate, type ServiceFigures, useServiceStats } from './service.api.ts';

function Figures({ figures }: { figures: ServiceFigures }) {
  return (
    <dl className="stat-tiles">
      <div>
        <dt>First-contact resolution</dt>
        <dd data-testid="fcr-rate">{formatRate(figures.fcr_rate)}</dd>
      </div>
      <div>
        <dt>Median first response</dt>
        <dd>{formatDuration(figures.median_first_response_minutes)}</dd>
      </div>
      <div>
        <dt>Median time to resolve</dt>
        <dd>{formatDuration(figures.median_resolution_minutes)}</dd>
      </div>
      <div>
        <dt>Issues (resolved)</dt>
        <dd>{`${figures.issues} (${figures.resolved})`}</dd>
      </div>
      <div>
        <dt>SLA breached</dt>
        <dd>{figures.breached}</dd>
      </div>
    </dl>
  );
}

export function ServiceStatsPanel() {
  const stats = useServiceStats();
  return (
    <section className="card panel" aria-labelledby="service-stats-heading">
      <h2 id="service-stats-heading">Last 90 days</h2>
      {stats.isPending ? <Loading>Loading service figures…</Loading> : null}
      {stats.isError ? <ErrorMessage error={stats.error} title="Could not load service figures." /> : null}
      {stats.isSuccess && stats.data.overall.issues === 0 ? <EmptyState>No issues in the last 90 days.</EmptyState> : null}
      {stats.isSuccess && stats.data.overall.issues > 0 ? (
        <>
          <Figures figures={stats.data.overall} />
          <div className="table-wrap">
            <table className="data-table">
              <caption className="sr-only">Service figures per agent</caption>
              <thead>
                <tr>
                  <th scope="col">Agent</th>
                  <th scope="col">Issues</th>
                  <th scope="col">FCR</th>
                  <th scope="col">First response</th>
                  <th scope="col">Resolution</th>
                </tr>
              </thead>
              <tbody>
                {stats.data.agents.map((agent) => (
                  <tr key={agent.agent_id ?? 'unassigned'}>
                    <th scope="row">{agent.agent_name ?? 'Unassigned'}</th>
                    <td>{agent.issues}</td>
                    <td>{formatRate(agent.fcr_rate)}</td>
                    <td>{formatDuration(agent.median_first_response_minutes)}</td>
                    <td>{formatDuration(agent.median_resolution_minutes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
