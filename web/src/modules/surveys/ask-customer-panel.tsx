import { useId, useState } from 'react';
import { EmptyState, ErrorMessage } from '../../ui/status.tsx';
import type { Contact } from '../accounts/accounts.api.ts';
import { useAskForReferrals } from '../referrals/referrals.api.ts';
import '../service/service.css';
import { kindLabels, type SurveyKind, useSendSurvey } from './surveys.api.ts';

/** Only contacts we may email: an address, and not unsubscribed (the API says so again if we are wrong). */
const reachable = (contact: Contact) => Boolean(contact.email) && !('unsubscribed_at' in contact && contact.unsubscribed_at);

const queuedNote = (what: string, contact: Contact, subject: string) =>
  `${what} queued for ${contact.name} (${contact.email}): “${subject}”. The email goes out with the next mail run and is on the timeline.`;

/** Feedback and referral asks sent by hand from the account page; playbooks send the same on their own. */
export function AskCustomerPanel({ accountId, contacts }: { accountId: string; contacts: Contact[] }) {
  const selectId = useId();
  const survey = useSendSurvey();
  const referrals = useAskForReferrals();
  const candidates = contacts.filter(reachable);
  const [contactId, setContactId] = useState('');
  const contact = candidates.find((c) => c.id === contactId) ?? candidates[0];
  const [note, setNote] = useState('');
  const busy = survey.isPending || referrals.isPending;

  const sendSurvey = (kind: SurveyKind) => {
    if (!contact) return;
    setNote('');
    referrals.reset();
    survey.mutate({ account_id: accountId, contact_id: contact.id, kind }, { onSuccess: (sent) => setNote(queuedNote(`${kindLabels[kind]} survey`, contact, sent.touch.subject)) });
  };
  const askForReferrals = () => {
    if (!contact) return;
    setNote('');
    survey.reset();
    referrals.mutate({ account_id: accountId, contact_id: contact.id }, { onSuccess: (touch) => setNote(queuedNote('Referral request', contact, touch.subject)) });
  };

  return (
    <section className="card panel" aria-labelledby="ask-customer-heading">
      <h2 id="ask-customer-heading">Ask the customer</h2>
      {candidates.length === 0 || !contact ? (
        <EmptyState>Add a contact with an email address to send surveys or ask for referrals.</EmptyState>
      ) : (
        <>
          <div className="field">
            <label htmlFor={selectId}>Who should we ask?</label>
            <select id={selectId} className="input" value={contact.id} onChange={(e) => setContactId(e.target.value)}>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>{`${c.name} (${c.email})`}</option>
              ))}
            </select>
          </div>
          <div className="feedback-actions">
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => sendSurvey('nps')}>
              Send NPS survey
            </button>
            <button type="button" className="button button--secondary" disabled={busy} onClick={() => sendSurvey('csat')}>
              Send CSAT survey
            </button>
            <button type="button" className="button button--secondary" disabled={busy} onClick={askForReferrals}>
              Ask for referrals
            </button>
          </div>
        </>
      )}
      {survey.isError ? <ErrorMessage error={survey.error} title="The survey was not sent." /> : null}
      {referrals.isError ? <ErrorMessage error={referrals.error} title="The referral request was not sent." /> : null}
      <p role="status" className="success-note" data-testid="ask-customer-status">
        {busy ? 'Sending…' : note}
      </p>
    </section>
  );
}
