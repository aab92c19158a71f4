import { useSignedInUser } from '../../app/signed-in-user.ts';
import { ErrorMessage } from '../../ui/status.tsx';
import { canManagePlaybooks, type Playbook, useSetPlaybookEnabled } from './playbooks.api.ts';

export const EDITORS_ONLY_NOTE_ID = 'playbooks-editors-only';

/** Enable or disable; for people who may not, the button stays visible, disabled, pointing at why. */
export function PlaybookToggleButton({ playbook }: { playbook: Playbook }) {
  const user = useSignedInUser();
  const allowed = canManagePlaybooks(user.role);
  const toggle = useSetPlaybookEnabled();
  const nameId = `playbook-${playbook.id}-name`;
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        disabled={!allowed}
        aria-busy={toggle.isPending}
        aria-describedby={allowed ? nameId : `${nameId} ${EDITORS_ONLY_NOTE_ID}`}
        data-action="toggle-playbook"
        onClick={() => {
          if (!toggle.isPending) toggle.mutate({ id: playbook.id, enabled: !playbook.enabled });
        }}
      >
        {toggle.isPending ? 'Saving…' : playbook.enabled ? 'Disable' : 'Enable'}
      </button>
      {toggle.isError ? <ErrorMessage error={toggle.error} /> : null}
    </>
  );
}

export function EditorsOnlyNote() {
  const user = useSignedInUser();
  if (canManagePlaybooks(user.role)) return null;
  return (
    <p id={EDITORS_ONLY_NOTE_ID} className="status">
      Only managers and admins can change playbooks. You can read them and see their runs.
    </p>
  );
}
