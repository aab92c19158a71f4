import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiRequest } from '../../api.ts';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { ErrorMessage } from '../../ui/status.tsx';
import { accountKeys, type Contact } from './accounts.api.ts';

/**
 * A person's request about their data: download everything held about them, or erase them (after a
 * second, explicit confirmation). Managers and admins only, as on the server.
 */
export function ContactPrivacy({ contact, accountId }: { contact: Contact; accountId: string }) {
  const user = useSignedInUser();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const erase = useMutation({
    mutationFn: () => apiRequest(`/api/v1/contacts/${encodeURIComponent(contact.id)}/erase`, { method: 'POST', body: { confirm: true } }),
    onSuccess: async () => {
      setConfirming(false);
      await client.invalidateQueries({ queryKey: accountKeys.detail(accountId) });
      await client.invalidateQueries({ queryKey: accountKeys.timeline(accountId) });
    },
  });
  if (user.role !== 'manager' && user.role !== 'admin') return null;
  if (contact.name === 'Erased contact' && !contact.email) return <p className="muted">Erased on request.</p>;
  return (
    <div className="contact__privacy">
      <a className="button button--secondary button--small" href={`/api/v1/contacts/${encodeURIComponent(contact.id)}/personal-data`} download>
        Export their data
      </a>
      {confirming ? (
        <div role="alert" className="contact__erase-confirm">
          <p>
            Erase {contact.name} for good? Their name, address and the words of their touches, emails and survey comments are removed. Counts
            and scores stay.
          </p>
          <button type="button" className="button button--danger button--small" disabled={erase.isPending} onClick={() => erase.mutate()}>
            Erase {contact.name}
          </button>{' '}
          <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </div>
      ) : (
        <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(true)}>
          Erase on request…
        </button>
      )}
      {erase.isError ? <ErrorMessage error={erase.error} title="Not erased." /> : null}
    </div>
  );
}
