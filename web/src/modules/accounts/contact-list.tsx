import { EmptyState } from '../../ui/status.tsx';
import type { Contact } from './accounts.api.ts';
import { ContactPrivacy } from './contact-privacy.tsx';

export function ContactList({ contacts, accountId }: { contacts: Contact[]; accountId: string }) {
  return (
    <section className="card panel" aria-labelledby="contacts-heading">
      <h2 id="contacts-heading">Contacts</h2>
      {contacts.length === 0 ? (
        <EmptyState>No contacts yet.</EmptyState>
      ) : (
        <ul className="contact-list" data-testid="contact-list">
          {contacts.map((contact) => (
            <li key={contact.id} className="contact">
              <p className="contact__name">
                <strong>{contact.name}</strong>
                {contact.title ? <span className="muted"> · {contact.title}</span> : null}
              </p>
              {contact.email ? (
                <p>
                  <a href={`mailto:${contact.email}`}>{contact.email}</a>
                </p>
              ) : null}
              {contact.phone ? (
                <p>
                  <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</a>
                </p>
              ) : null}
              <ContactPrivacy contact={contact} accountId={accountId} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
