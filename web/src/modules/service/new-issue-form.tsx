import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorMessage } from '../../ui/status.tsx';
import type { Contact } from '../accounts/accounts.api.ts';
import { type Issue, type Severity, severities, severityLabels, useReportIssue } from './service.api.ts';

type NewIssueFormProps = {
  /** '' until an account is chosen (the Service page asks for one first). */
  accountId: string;
  contacts: Contact[];
  /** Fields that come before the issue's own, inside the same form: the account picker. */
  children?: ReactNode;
  onOpened?: (issue: Issue) => void;
};

function OpenedNote({ issue }: { issue: Issue }) {
  const who = issue.assignee_name ? `Sent to ${issue.assignee_name} (service team)` : 'Saved, but nobody is assigned yet: there is no active service user';
  return (
    <p className="success-note" role="status" data-testid="issue-opened">
      {`${who}: “${issue.title}” for ${issue.account_name}. `}
      <Link to={`/service/issues/${encodeURIComponent(issue.id)}`}>Open the issue</Link>
    </p>
  );
}

/** Opens a service issue; the API picks the service user who handles it, never the salesperson. */
export function NewIssueForm({ accountId, contacts, children, onOpened }: NewIssueFormProps) {
  const ids = useId();
  const report = useReportIssue();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [severity, setSeverity] = useState<Severity>('normal');
  const [contactId, setContactId] = useState('');
  const chosenContact = contacts.some((c) => c.id === contactId) ? contactId : '';

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (accountId === '' || !title.trim()) return;
    const body = { account_id: accountId, contact_id: chosenContact || undefined, title: title.trim(), description: description.trim(), severity, channel: 'web' as const };
    report.mutate(body, {
      onSuccess: (issue) => {
        setTitle('');
        setDescription('');
        setContactId('');
        onOpened?.(issue);
      },
    });
  };

  return (
    <form className="plain-form" onSubmit={submit}>
      {report.isError ? <ErrorMessage error={report.error} title="The issue was not saved." /> : null}
      {children}
      <div className="field">
        <label htmlFor={`${ids}-title`}>What is wrong?</label>
        <input id={`${ids}-title`} className="input" maxLength={300} required value={title} onChange={(e) => setTitle(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${ids}-description`}>Details (optional)</label>
        <textarea id={`${ids}-description`} className="input" rows={3} maxLength={20000} value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <div className="form-row form-row--fields">
        <div className="field">
          <label htmlFor={`${ids}-severity`}>Severity</label>
          <select id={`${ids}-severity`} className="input" value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
            {severities.map((value) => (
              <option key={value} value={value}>
                {severityLabels[value]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-contact`}>Customer contact (optional)</label>
          <select id={`${ids}-contact`} className="input" value={chosenContact} onChange={(e) => setContactId(e.target.value)} disabled={contacts.length === 0}>
            <option value="">{contacts.length === 0 ? 'No contacts on this account' : 'Nobody in particular'}</option>
            {contacts.map((contact) => (
              <option key={contact.id} value={contact.id}>
                {contact.title ? `${contact.name}, ${contact.title}` : contact.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button type="submit" className="button" disabled={report.isPending}>
        {report.isPending ? 'Saving…' : 'Send to service'}
      </button>
      {report.isSuccess ? <OpenedNote issue={report.data} /> : null}
    </form>
  );
}
