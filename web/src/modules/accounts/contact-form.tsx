import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api.ts';
import type { Contact, ContactChange } from './accounts.api.ts';

type ContactFormProps = {
  contact: Contact | null;
  pending: boolean;
  error: Error | null;
  onSubmit: (body: ContactChange) => void;
  onCancel: () => void;
};

const apiFieldLabels: Record<string, string> = { email: 'email address', name: 'name', phone: 'phone number' };

export function ContactForm({ contact, pending, error, onSubmit, onCancel }: ContactFormProps) {
  const [name, setName] = useState(contact?.name ?? '');
  const [title, setTitle] = useState(contact?.title ?? '');
  const [email, setEmail] = useState(contact?.email ?? '');
  const [phone, setPhone] = useState(contact?.phone ?? '');
  const [address, setAddress] = useState(contact?.postal_address ?? '');
  const [newsletter, setNewsletter] = useState(contact?.newsletter_consent ?? false);
  const [emailAllowed, setEmailAllowed] = useState(contact ? contact.unsubscribed_at === null : true);
  const [missingName, setMissingName] = useState(false);
  const apiError = error instanceof ApiError ? error : null;
  const badField = apiError?.field ?? null;
  const id = (field: string) => `contact-${contact?.id ?? 'new'}-${field}`;
  const orNull = (value: string) => value.trim() || null;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!name.trim()) return setMissingName(true);
    onSubmit({
      name: name.trim(),
      title: orNull(title),
      email: orNull(email),
      phone: orNull(phone),
      postal_address: orNull(address),
      newsletter_consent: newsletter,
      // Only a change is sent, so saving other fields keeps the day they unsubscribed.
      ...(contact && emailAllowed !== (contact.unsubscribed_at === null) ? { email_allowed: emailAllowed } : {}),
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      {error ? (
        <div className="status status--error" role="alert">
          {badField && apiFieldLabels[badField] ? `Check the ${apiFieldLabels[badField]}: ${apiError?.message}` : (apiError?.message ?? 'Something went wrong. Please try again.')}
        </div>
      ) : null}
      <div className="form-row">
        <div className="field">
          <label htmlFor={id('name')}>Name</label>
          <input id={id('name')} className="input" value={name} maxLength={200} aria-invalid={missingName || badField === 'name'} onChange={(e) => { setName(e.target.value); setMissingName(false); }} />
          {missingName ? <p className="field__error">Give the contact a name.</p> : null}
        </div>
        <div className="field">
          <label htmlFor={id('title')}>Job title</label>
          <input id={id('title')} className="input" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        </div>
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor={id('email')}>Email</label>
          <input id={id('email')} type="email" className="input" value={email} maxLength={254} aria-invalid={badField === 'email'} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={id('phone')}>Phone</label>
          <input id={id('phone')} type="tel" className="input" value={phone} maxLength={50} onChange={(e) => setPhone(e.target.value)} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={id('address')}>Postal address</label>
        <textarea id={id('address')} className="input" rows={2} value={address} maxLength={1000} onChange={(e) => setAddress(e.target.value)} />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={newsletter} onChange={(e) => setNewsletter(e.target.checked)} />
        Agreed to receive the newsletter
      </label>
      {contact ? (
        <label className="checkbox">
          <input type="checkbox" checked={emailAllowed} onChange={(e) => setEmailAllowed(e.target.checked)} />
          Emails allowed (untick when they ask for no more emails)
        </label>
      ) : null}
      <div className="form-buttons">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Saving…' : contact ? 'Save contact' : 'Add contact'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
