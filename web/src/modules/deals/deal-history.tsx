import { formatDateTime, humanize } from '../../ui/format.ts';
import { ErrorMessage, Loading } from '../../ui/status.tsx';
import { touchKindLabel } from '../me/touch-kinds.ts';
import { stageLabels, useDealStageHistory, useDealTouches } from './deals.api.ts';

const stageName = (stage: string): string => (stage in stageLabels ? stageLabels[stage as keyof typeof stageLabels] : humanize(stage));

export function DealStageHistory({ dealId }: { dealId: string }) {
  const history = useDealStageHistory(dealId);
  return (
    <section className="card panel" aria-labelledby="stage-history-heading">
      <h2 id="stage-history-heading">Stage history</h2>
      {history.isPending ? <Loading>Loading the stage history…</Loading> : null}
      {history.isError ? <ErrorMessage error={history.error} /> : null}
      {history.isSuccess ? (
        <ol className="stage-history" data-testid="stage-history">
          {history.data.map((entry) => (
            <li key={`${entry.stage}-${entry.entered_at}`}>
              <strong>{stageName(entry.stage)}</strong>
              <span className="stage-history__meta">
                <time dateTime={entry.entered_at}>{formatDateTime(entry.entered_at)}</time>
                {entry.by_name ? ` · ${entry.by_name}` : null}
              </span>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

const statusLabels: Record<string, string> = { planned: 'Planned', done: 'Done', skipped: 'Skipped', cancelled: 'Cancelled' };

export function DealTouches({ dealId }: { dealId: string }) {
  const touches = useDealTouches(dealId);
  return (
    <section className="card panel" aria-labelledby="deal-touches-heading">
      <h2 id="deal-touches-heading">Touches on this deal</h2>
      {touches.isPending ? <Loading>Loading touches…</Loading> : null}
      {touches.isError ? <ErrorMessage error={touches.error} /> : null}
      {touches.isSuccess && touches.data.items.length === 0 ? <p className="status">No calls, meetings or emails on this deal yet.</p> : null}
      {touches.isSuccess && touches.data.items.length > 0 ? (
        <ul className="deal-touches" data-testid="deal-touches">
          {touches.data.items.map((touch) => (
            <li key={touch.id}>
              <span className="deal-touches__kind">{touchKindLabel(touch.kind)}</span>
              <span className="deal-touches__subject">{touch.subject}</span>
              <span className="deal-touches__meta">
                {statusLabels[touch.status] ?? humanize(touch.status)} ·{' '}
                <time dateTime={touch.timeline_at}>{formatDateTime(touch.timeline_at)}</time>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
