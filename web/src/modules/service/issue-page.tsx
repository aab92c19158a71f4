import { useRef } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { formatDateTime } from '../../ui/format.ts';
import { ErrorMessage, Loading } from '../../ui/status.tsx';
import { IssueBadges } from './issue-badges.tsx';
import { IssueFacts } from './issue-facts.tsx';
import { IssueReassignForm } from './issue-reassign-form.tsx';
import { IssueReplyForm } from './issue-reply-form.tsx';
import { canManageService, type IssueDetail, type IssueStatus, nextStatuses, statusLabels, useChangeIssueStatus, useIssue } from './service.api.ts';
import './service.css';

const moveLabels: Record<IssueStatus, string> = { new: 'New', open: 'Mark open', waiting: 'Waiting for customer', resolved: 'Resolve', closed: 'Close' };

function StatusButtons({ issue }: { issue: IssueDetail }) {
  const change = useChangeIssueStatus(issue.id);
  const reopening = issue.status === 'resolved' || issue.status === 'closed';
  const moves = useRef<HTMLFieldSetElement>(null);
  // The pressed button is gone once the status moved on: keep keyboard focus among the next moves.
  const move = (status: IssueStatus) => change.mutate(status, { onSuccess: () => window.setTimeout(() => moves.current?.querySelector('button')?.focus()) });
  return (
    <div>
      {change.isError ? <ErrorMessage error={change.error} title="The status did not change." /> : null}
      <fieldset className="inline-form status-moves" ref={moves}>
        <legend className="sr-only">Change status</legend>
        {nextStatuses[issue.status].map((status) => (
          <button key={status} type="button" className={status === 'resolved' ? 'button' : 'button button--secondary'} disabled={change.isPending} onClick={() => move(status)}>
            {status === 'open' && reopening ? 'Reopen' : moveLabels[status]}
          </button>
        ))}
      </fieldset>
      <p role="status" className="success-note">
        {change.isSuccess ? `Status is now ${statusLabels[change.data.status].toLowerCase()}.` : ''}
      </p>
    </div>
  );
}

export function IssuePage() {
  const { id = '' } = useParams();
  const issue = useIssue(id);
  const user = useSignedInUser();
  if (issue.isPending) return <Loading>Loading issue…</Loading>;
  if (issue.isError) {
    return (
      <>
        <h1>Issue not available</h1>
        <ErrorMessage error={issue.error} />
        <p>
          <Link to="/service">Back to service</Link>
        </p>
      </>
    );
  }
  const data = issue.data;
  return (
    <>
      <title>{`${data.title} · Service · Afterclose`}</title>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/service">Service</Link>
        <span aria-hidden="true"> / </span>
        <span aria-current="page">{data.title}</span>
      </nav>
      <header className="account-header card">
        <div className="account-header__title">
          <h1>{data.title}</h1>
          <IssueBadges issue={data} />
        </div>
        <p>
          <Link to={`/accounts/${encodeURIComponent(data.account_id)}`}>{data.account_name}</Link>
          {data.contact_name ? ` · ${data.contact_name}` : null} · opened <time dateTime={data.created_at}>{formatDateTime(data.created_at)}</time>
        </p>
        <IssueFacts issue={data} />
        {canManageService(user.role) && data.status !== 'closed' ? <IssueReassignForm issue={data} /> : null}
        <StatusButtons issue={data} />
      </header>
      <div className="service-layout">
        <section className="card panel" aria-labelledby="replies-heading">
          <h2 id="replies-heading">Conversation</h2>
          {data.description ? <p className="reply__body">{data.description}</p> : null}
          <ol className="reply-list" data-testid="issue-replies">
            {data.replies.map((reply) => (
              <li key={reply.id} className={reply.customer_contact ? 'reply reply--contact' : 'reply'}>
                <p className="reply__meta">
                  {`${reply.customer_contact ? reply.kind : 'Internal note'} · ${reply.author_name ?? 'Someone'} · `}
                  {reply.done_at ? <time dateTime={reply.done_at}>{formatDateTime(reply.done_at)}</time> : null}
                </p>
                <p className="reply__body">{reply.notes}</p>
              </li>
            ))}
          </ol>
        </section>
        <section className="card panel">{data.status === 'closed' ? <p>The issue is closed. Reopen it to reply.</p> : <IssueReplyForm issueId={data.id} />}</section>
      </div>
    </>
  );
}
