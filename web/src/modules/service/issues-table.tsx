import { Link } from 'react-router-dom';
import { formatDateTime } from '../../ui/format.ts';
import { IssueBadges } from './issue-badges.tsx';
import type { Issue } from './service.api.ts';

export function IssuesTable({ issues, showAccount = true }: { issues: Issue[]; showAccount?: boolean }) {
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="issues-table">
        <caption className="sr-only">Service issues, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Issue</th>
            {showAccount ? <th scope="col">Account</th> : null}
            <th scope="col">State</th>
            <th scope="col">Assigned to</th>
            <th scope="col">Resolve by</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((issue) => (
            <tr key={issue.id} data-testid="issue-row">
              <th scope="row">
                <Link className="row-link" to={`/service/issues/${encodeURIComponent(issue.id)}`}>
                  {issue.title}
                </Link>
              </th>
              {showAccount ? (
                <td>
                  <Link to={`/accounts/${encodeURIComponent(issue.account_id)}`}>{issue.account_name}</Link>
                </td>
              ) : null}
              <td>
                <IssueBadges issue={issue} />
              </td>
              <td>{issue.assignee_name ?? <span className="muted">Unassigned</span>}</td>
              <td>
                {issue.resolved_at ? (
                  <span className="muted">Resolved</span>
                ) : (
                  <time dateTime={issue.resolution_due_at}>{formatDateTime(issue.resolution_due_at)}</time>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
