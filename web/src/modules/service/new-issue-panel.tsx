import { useState } from 'react';
import { ErrorMessage } from '../../ui/status.tsx';
import { AccountPicker, type PickedAccount } from './account-picker.tsx';
import { NewIssueForm } from './new-issue-form.tsx';
import { useAccountContacts } from './service.api.ts';

/** For the service desk: an issue that came in by phone or chat, for any account. */
export function NewIssuePanel() {
  const [account, setAccount] = useState<PickedAccount | null>(null);
  const contacts = useAccountContacts(account?.id ?? '');
  return (
    <section className="card panel" aria-labelledby="new-issue-heading">
      <h2 id="new-issue-heading">Open an issue</h2>
      <NewIssueForm accountId={account?.id ?? ''} contacts={contacts.data ?? []}>
        <AccountPicker value={account} onChange={setAccount} />
        {contacts.isError ? <ErrorMessage error={contacts.error} title="Could not load the account’s contacts." /> : null}
      </NewIssueForm>
    </section>
  );
}
