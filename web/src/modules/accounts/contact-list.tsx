import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiRequest } from '../../api.ts';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { Badge } from '../../ui/badge.tsx';
import { formatDate } from '../../ui/format.ts';
import { ModalDialog } from '../../ui/modal-dialog.tsx';
import { EmptyState, ErrorMessage } from '../../ui/status.tsx';
import { canDeleteContacts, managersOnly } from '../auth/permissions.ts';
import { accountKeys, type Contact, useSaveContact } from './accounts.api.ts';
import { ContactForm } from './contact-form.tsx';
import { ContactPrivacy } from './contact-privacy.tsx';

export function ContactList({ accountId, contacts }: { accountId: string; contacts: Contact[] }) {
  const user = useSignedInUser();
  const client = useQueryClient();
  const save = useSaveContact(accountId);
  // null: no form; 'new': adding one; a contact: editing it.
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Contact | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => apiRequest<undefined>(`/api/v1/contacts/${id}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: accountKeys.detail(accountId) }),
  });
  const mayDelete = canDeleteContacts(user.role);
  const askToDelete = (contact: Contact) => {
    remove.reset();
    setDeleting(contact);
  };
  const open = (contact: Contact | 'new') => {
    save.reset();
    setEditing(contact);
  };
  const current = editing === 'new' ? null : editing;
  return (
    <section className="card panel" aria-labelledby="contacts-heading">
      <div className="panel__header">
        <h2 id="contacts-heading">Contacts</h2>
        <button type="button" className="button button--small" onClick={() => open('new')}>
          Add contact
        </button>
      </div>
      {contacts.length === 0 ? (
        <EmptyState>No contacts yet. Add the people you talk to here.</EmptyState>
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
              {contact.postal_address ? <p className="contact__address">{contact.postal_address}</p> : null}
              <ul className="tag-list contact__consent" aria-label={`Consent of ${contact.name}`}>
                <li>
                  <Badge tone={contact.newsletter_consent ? 'success' : 'neutral'}>{contact.newsletter_consent ? 'Newsletter: yes' : 'Newsletter: no'}</Badge>
                </li>
                <li>
                  {contact.unsubscribed_at ? (
                    <Badge tone="danger">Emails: unsubscribed {formatDate(contact.unsubscribed_at)}</Badge>
                  ) : (
                    <Badge tone={contact.email ? 'success' : 'neutral'}>{contact.email ? 'Emails: allowed' : 'Emails: no address'}</Badge>
                  )}
                </li>
              </ul>
              <div className="contact__buttons">
                <button type="button" className="button button--secondary button--small" onClick={() => open(contact)}>
                  Edit {contact.name}
                </button>
                {mayDelete ? (
                  <button type="button" className="button button--secondary button--small" disabled={remove.isPending} onClick={() => askToDelete(contact)}>
                    Delete {contact.name}
                  </button>
                ) : null}
              </div>
              <ContactPrivacy contact={contact} accountId={accountId} />
            </li>
          ))}
        </ul>
      )}
      {contacts.length > 0 && !mayDelete ? <p className="muted">{managersOnly.deleteContact}</p> : null}
      <ModalDialog title={current ? `Edit ${current.name}` : 'Add contact'} open={editing !== null} onClose={() => setEditing(null)}>
        <ContactForm
          key={current?.id ?? 'new'}
          contact={current}
          pending={save.isPending}
          error={save.error}
          onCancel={() => setEditing(null)}
          onSubmit={(body) => save.mutate({ id: current?.id ?? null, body }, { onSuccess: () => setEditing(null) })}
        />
      </ModalDialog>
      <ModalDialog title={deleting ? `Delete ${deleting.name}?` : 'Delete contact?'} open={deleting !== null} onClose={() => setDeleting(null)}>
        <p>{deleting?.name} is deleted from this account with their consent and history. This cannot be undone.</p>
        {remove.isError ? <ErrorMessage error={remove.error} title="Could not delete the contact." /> : null}
        <div className="form-buttons">
          <button
            type="button"
            className="button button--danger"
            disabled={remove.isPending}
            onClick={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
          >
            {remove.isPending ? 'Deleting…' : `Delete ${deleting?.name ?? 'contact'}`}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setDeleting(null)}>
            Keep them
          </button>
        </div>
      </ModalDialog>
    </section>
  );
}
