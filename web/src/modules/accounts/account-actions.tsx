import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { ModalDialog } from '../../ui/modal-dialog.tsx';
import { PermittedButton } from '../../ui/permitted-button.tsx';
import { ErrorMessage } from '../../ui/status.tsx';
import { canDeleteAccounts, managersOnly, notTheirAccount, worksOnAccount } from '../auth/permissions.ts';
import { AccountForm } from './account-form.tsx';
import { type Account, useDeleteAccount, useUpdateAccount } from './accounts.api.ts';

/** Edit and delete, in the account's header. Delete asks again, naming the account, and is for managers only. */
export function AccountActions({ account }: { account: Account }) {
  const me = useSignedInUser();
  const navigate = useNavigate();
  const update = useUpdateAccount(account.id);
  const remove = useDeleteAccount(account.id);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const mayDelete = canDeleteAccounts(me.role);
  const mayEdit = worksOnAccount(me, account);

  return (
    <div className="account-actions">
      <div className="account-actions__buttons">
        <PermittedButton allowed={mayEdit} whyId="edit-account-why" className="button button--secondary" onClick={() => setEditing(true)}>
          Edit account
        </PermittedButton>
        <PermittedButton allowed={mayDelete} whyId="delete-account-why" className="button button--secondary" onClick={() => setDeleting(true)}>
          Delete account
        </PermittedButton>
      </div>
      {mayEdit ? null : (
        <p id="edit-account-why" className="field__hint">
          {notTheirAccount(me.role, 'to change it')}
        </p>
      )}
      {mayDelete ? null : (
        <p id="delete-account-why" className="field__hint">
          {managersOnly.deleteAccount}
        </p>
      )}
      <ModalDialog title={`Edit ${account.name}`} open={editing} onClose={() => setEditing(false)}>
        <AccountForm
          account={account}
          pending={update.isPending}
          error={update.error}
          submitLabel="Save changes"
          onCancel={() => setEditing(false)}
          onSubmit={(body) => update.mutate(body, { onSuccess: () => setEditing(false) })}
        />
      </ModalDialog>
      <ModalDialog title={`Delete ${account.name}?`} open={deleting} onClose={() => setDeleting(false)}>
        <p>
          {account.name} is deleted with its contacts, deals, orders and timeline. This cannot be undone.
        </p>
        {remove.isError ? <ErrorMessage error={remove.error} title="Could not delete the account." /> : null}
        <div className="form-buttons">
          <button
            type="button"
            className="button button--danger"
            disabled={remove.isPending}
            onClick={() => remove.mutate(undefined, { onSuccess: () => navigate('/accounts', { replace: true }) })}
          >
            {remove.isPending ? 'Deleting…' : `Delete ${account.name}`}
          </button>
          <button type="button" className="button button--secondary" onClick={() => setDeleting(false)}>
            Keep it
          </button>
        </div>
      </ModalDialog>
    </div>
  );
}
