import { Badge, type BadgeTone } from '../../ui/badge.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { ErrorMessage, Loading } from '../../ui/status.tsx';
import { useDeliveries } from './webhooks.api.ts';

const tones: Record<string, BadgeTone> = { pending: 'info', delivered: 'success', failed: 'danger' };
const time = (at: string | null) => (at ? formatDateTime(at) : '');

/** The latest deliveries of one subscription: what was sent, how often, and what the receiver said. */
export function DeliveryLog({ subscriptionId }: { subscriptionId: string }) {
  const log = useDeliveries(subscriptionId);
  if (log.isPending) return <Loading>Loading deliveries…</Loading>;
  if (log.isError) return <ErrorMessage error={log.error} title="Could not load the delivery log." />;
  if (log.data.items.length === 0) return <p className="status status--empty">No deliveries yet.</p>;
  return (
    <div className="table-wrap">
      <table className="data-table" aria-label="Deliveries">
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Receiver said</th>
            <th scope="col">Queued</th>
          </tr>
        </thead>
        <tbody>
          {log.data.items.map((d) => (
            <tr key={d.id} data-testid="delivery-row">
              <td>{d.event_type}</td>
              <td>
                <Badge tone={tones[d.status] ?? 'neutral'}>{d.status}</Badge>
                {d.status === 'pending' && d.attempts > 0 ? ` next try ${time(d.next_attempt_at)}` : ''}
              </td>
              <td>{d.attempts}</td>
              <td>{d.last_error ?? (d.last_status ? `HTTP ${d.last_status}` : '')}</td>
              <td>{time(d.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
