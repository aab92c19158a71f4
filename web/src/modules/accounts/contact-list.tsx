import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../api.ts';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { ErrorMessage, EmptyState } from '../../ui/status.tsx';
import { canDeleteContacts, managersOnly } from '../auth/permissions.ts';
import { accountKeys, type Contact } from './accounts.api.ts';
import { ContactPrivacy } from './contact-privacy.tsx';

export function ContactList({ accountId, contacts }: { accountId: string; contacts: Contact[] }) {
  const user = useSignedInUser();
  const client = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: string) => apiRequest<undefined>(`/api/v1/contacts/${id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: accountKeys.detail(accountId) }),
  });
  const mayDelete = canDeleteContacts(user.role);
  const confirmDelete = (contact: Contact) => {
    if (window.confirm(`Delete ${contact.name}? Their consent and history with this account go with them.`)) remove.mutate(contact.id);
  };
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
              {mayDelete ? (
                <button type="button" className="button button--secondary" disabled={remove.isPending} onClick={() => confirmDelete(contact)}>
                  Delete {contact.name}
                </button>
              ) : null}
              <ContactPrivacy contact={contact} accountId={accountId} />
            </li>
          ))}
        </ul>
      )}
      {contacts.length > 0 && !mayDelete ? <p className="muted">{managersOnly.deleteContact}</p> : null}
      {remove.isError ? <ErrorMessage error={remove.error} title="Could not delete the contact." /> : null}
    </section>
  );
}
