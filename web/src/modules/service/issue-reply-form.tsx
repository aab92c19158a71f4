import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../ui/status.tsx';
import { type IssueReplyBody, useReplyToIssue } from './service.api.ts';

const kindLabels: Record<IssueReplyBody['kind'], string> = { email: 'Email to the customer', call: 'Call with the customer', meeting: 'Meeting', note: 'Internal note' };

export function IssueReplyForm({ issueId }: { issueId: string }) {
  const reply = useReplyToIssue(issueId);
  const [kind, setKind] = useState<IssueReplyBody['kind']>('email');
  const [body, setBody] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!body.trim()) return;
    reply.mutate({ kind, body: body.trim() }, { onSuccess: () => setBody('') });
  };
  return (
    <form className="plain-form" onSubmit={submit} aria-labelledby="reply-heading">
      <h2 id="reply-heading">Record a reply</h2>
      {reply.isError ? <ErrorMessage error={reply.error} title="The reply was not saved." /> : null}
      <div className="field">
        <label htmlFor="reply-kind">How</label>
        <select id="reply-kind" className="input" value={kind} onChange={(e) => setKind(e.target.value as IssueReplyBody['kind'])}>
          {(Object.keys(kindLabels) as IssueReplyBody['kind'][]).map((value) => (
            <option key={value} value={value}>
              {kindLabels[value]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="reply-body">What was said</label>
        <textarea id="reply-body" className="input" rows={4} maxLength={20000} required value={body} onChange={(e) => setBody(e.target.value)} />
      </div>
      <button type="submit" className="button" disabled={reply.isPending}>
        {reply.isPending ? 'Saving…' : 'Save reply'}
      </button>
      <p role="status" className="success-note">
        {reply.isSuccess ? (reply.variables.kind === 'note' ? 'Note saved.' : 'Reply saved and logged on the timeline.') : ''}
      </p>
    </form>
  );
}
