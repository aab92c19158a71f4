import { Link } from 'react-router-dom';
import { EmptyState, ErrorMessage, Loading } from '../../ui/status.tsx';
import type { Contact } from '../accounts/accounts.api.ts';
import { IssueBadges } from './issue-badges.tsx';
import { NewIssueForm } from './new-issue-form.tsx';
import { useIssues } from './service.api.ts';
import './service.css';

/** The account's open service issues; the owner sees them here, the service team works them. */
export function AccountIssues({ accountId, contacts }: { accountId: string; contacts: Contact[] }) {
  const list = useIssues('unresolved', accountId);
  const issues = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="card panel" aria-labelledby="account-issues-heading">
      <h2 id="account-issues-heading">Open issues</h2>
      {list.isPending ? <Loading>Loading issues…</Loading> : null}
      {list.isError ? <ErrorMessage error={list.error} title="Could not load issues." /> : null}
      {list.isSuccess && issues.length === 0 ? <EmptyState>No open issues.</EmptyState> : null}
      {issues.length > 0 ? (
        <ul className="item-list" data-testid="account-issues">
          {issues.map((issue) => (
            <li key={issue.id}>
              <Link to={`/service/issues/${encodeURIComponent(issue.id)}`}>{issue.title}</Link>
              <IssueBadges issue={issue} />
            </li>
          ))}
        </ul>
      ) : null}
      <details className="disclosure">
        <summary>Report an issue</summary>
        <NewIssueForm accountId={accountId} contacts={contacts} />
      </details>
    </section>
  );
}
