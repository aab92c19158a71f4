import { Link } from 'react-router-dom';
import { Badge } from '../../ui/badge.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { type OutboxMessage, statusLabels, statusTones } from './outbox.api.ts';

export function MessagesTable({ messages }: { messages: OutboxMessage[] }) {
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="outbox-table">
        <caption className="sr-only">Outgoing email, newest first</caption>
        <thead>
          <tr>
            <th scope="col">To</th>
            <th scope="col">Subject</th>
            <th scope="col">Status</th>
            <th scope="col">Send after / sent at</th>
            <th scope="col">Attempts</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((message) => (
            <tr key={message.id} data-testid="outbox-row">
              <td>
                <span className="outbox-to">{message.to_email}</span>
                {message.account_id && message.account_name ? (
                  <Link className="outbox-account" to={`/accounts/${encodeURIComponent(message.account_id)}`}>
                    {message.account_name}
                  </Link>
                ) : null}
              </td>
              <td className="outbox-subject">
                {/* A native disclosure: Enter or Space on the subject opens the body, no script needed. */}
                <details>
                  <summary>{message.subject || <span className="muted">(no subject)</span>}</summary>
                  <pre className="outbox-body">{message.body_text}</pre>
                </details>
              </td>
              <td>
                <Badge tone={statusTones[message.status]}>{statusLabels[message.status] ?? message.status}</Badge>
              </td>
              <td>
                <When message={message} />
              </td>
              <td>{message.attempts}</td>
              <td className="outbox-error">{message.error ?? <span className="muted">None</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function When({ message }: { message: OutboxMessage }) {
  if (message.sent_at) {
    return (
      <>
        Sent <time dateTime={message.sent_at}>{formatDateTime(message.sent_at)}</time>
      </>
    );
  }
  if (message.send_after) {
    return (
      <>
        After <time dateTime={message.send_after}>{formatDateTime(message.send_after)}</time>
      </>
    );
  }
  return <span className="muted">As soon as possible</span>;
}
