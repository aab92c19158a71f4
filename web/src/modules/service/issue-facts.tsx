import { Badge } from '../../ui/badge.tsx';
import { formatDateTime } from '../../ui/format.ts';
import type { IssueDetail } from './service.api.ts';

/** Whether one deadline was met, missed, or is still ahead; the words carry it, colour only repeats it. */
function DeadlineNote({ due, doneAt, open }: { due: string; doneAt: string | null; open: boolean }) {
  const dueMs = new Date(due).getTime();
  if (doneAt) return new Date(doneAt).getTime() <= dueMs ? <Badge tone="success">Met</Badge> : <Badge tone="danger">Late</Badge>;
  if (!open) return null;
  return Date.now() > dueMs ? <Badge tone="danger">Overdue</Badge> : null;
}

const when = (iso: string | null, none: string) => (iso ? <time dateTime={iso}>{formatDateTime(iso)}</time> : <span className="muted">{none}</span>);

export function IssueFacts({ issue }: { issue: IssueDetail }) {
  const open = issue.status !== 'resolved' && issue.status !== 'closed';
  return (
    <dl className="facts" data-testid="issue-facts">
      <div>
        <dt>Assigned to</dt>
        <dd data-testid="issue-assignee">{issue.assignee_name ?? <span className="muted">Unassigned</span>}</dd>
      </div>
      <div>
        <dt>First response due</dt>
        <dd>
          {when(issue.first_response_due_at, '')} <DeadlineNote due={issue.first_response_due_at} doneAt={issue.first_response_at} open={open} />
        </dd>
      </div>
      <div>
        <dt>First response</dt>
        <dd>{when(issue.first_response_at, 'Not yet')}</dd>
      </div>
      <div>
        <dt>Resolve by</dt>
        <dd>
          {when(issue.resolution_due_at, '')} <DeadlineNote due={issue.resolution_due_at} doneAt={issue.resolved_at} open={open} />
        </dd>
      </div>
      <div>
        <dt>Customer contacts</dt>
        <dd>{issue.customer_contacts}</dd>
      </div>
    </dl>
  );
}
