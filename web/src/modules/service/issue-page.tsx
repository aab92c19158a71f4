import { Link, useParams } from 'react-router-dom';
import { formatDateTime } from '../../ui/format.ts';
import { ErrorMessage, Loading } from '../../ui/status.tsx';
import { IssueBadges } from './issue-badges.tsx';
import { IssueReplyForm } from './issue-reply-form.tsx';
import { type IssueDetail, type IssueStatus, nextStatuses, useChangeIssueStatus, useIssue } from './service.api.ts';
import './service.css';

const moveLabels: Record<IssueStatus, string> = { new: 'New', open: 'Mark open', waiting: 'Waiting for customer', resolved: 'Resolve', closed: 'Close' };

function StatusButtons({ issue }: { issue: IssueDetail }) {
  const change = useChangeIssueStatus(issue.id);
  const reopening = issue.status === 'resolved' || issue.status === 'closed';
  return (
    <div>
      {change.isError ? <ErrorMessage error={change.error} title="The status did not change." /> : null}
      <fieldset className="form-row status-moves">
        <legend className="sr-only">Change status</legend>
        {nextStatuses[issue.status].map((status) => (
          <button key={status} type="button" className={status === 'resolved' ? 'button' : 'button button--secondary'} disabled={change.isPending} onClick={() => change.mutate(status)}>
            {status === 'open' && reopening ? 'Reopen' : moveLabels[status]}
          </button>
        ))}
      </fieldset>
    </div>
  );
}

function Facts({ issue }: { issue: IssueDetail }) {
  const when = (iso: string | null, none: string) => (iso ? <time dateTime={iso}>{formatDateTime(iso)}</time> : <span className="muted">{none}</span>);
  return (
    <dl className="facts">
      <div>
        <dt>Assigned to</dt>
        <dd>{issue.assignee_name ?? <span className="muted">Unassigned</span>}</dd>
      </div>
      <div>
        <dt>First response due</dt>
        <dd>{when(issue.first_response_due_at, '')}</dd>
      </div>
      <div>
        <dt>First response</dt>
        <dd>{when(issue.first_response_at, 'Not yet')}</dd>
      </div>
      <div>
        <dt>Resolve by</dt>
        <dd>{when(issue.resolution_due_at, '')}</dd>
      </div>
      <div>
        <dt>Customer contacts</dt>
        <dd>{issue.customer_contacts}</dd>
      </div>
    </dl>
  );
}

export function IssuePage() {
  const { id = '' } = useParams();
  const issue = useIssue(id);
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
        <Facts issue={data} />
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
                  <time dateTime={reply.done_at}>{formatDateTime(reply.done_at)}</time>
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
