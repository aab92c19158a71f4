import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState, ErrorMessage, Loading } from '../../ui/status.tsx';
import { IssueBadges } from './issue-badges.tsx';
import { type Severity, severities, severityLabels, useIssues, useReportIssue } from './service.api.ts';
import './service.css';

function ReportIssueForm({ accountId }: { accountId: string }) {
  const report = useReportIssue();
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<Severity>('normal');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!title.trim()) return;
    report.mutate({ account_id: accountId, title: title.trim(), description: '', severity, channel: 'web' }, { onSuccess: () => setTitle('') });
  };
  return (
    <details className="disclosure">
      <summary>Report an issue</summary>
      <form className="plain-form" onSubmit={submit}>
        {report.isError ? <ErrorMessage error={report.error} title="The issue was not saved." /> : null}
        <div className="field">
          <label htmlFor="issue-title">What is wrong?</label>
          <input id="issue-title" className="input" maxLength={300} required value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="issue-severity">Severity</label>
          <select id="issue-severity" className="input" value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
            {severities.map((value) => (
              <option key={value} value={value}>
                {severityLabels[value]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={report.isPending}>
          {report.isPending ? 'Saving…' : 'Send to service'}
        </button>
        {report.isSuccess ? (
          <p className="success-note" role="status">{`Sent to ${report.data.assignee_name ?? 'the service team'}.`}</p>
        ) : null}
      </form>
    </details>
  );
}

/** The account's open service issues; the owner sees them here, the service team works them. */
export function AccountIssues({ accountId }: { accountId: string }) {
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
      <ReportIssueForm accountId={accountId} />
    </section>
  );
}
