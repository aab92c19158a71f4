import { useState } from 'react';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { ModalDialog } from '../../ui/modal-dialog.tsx';
import { PermittedButton } from '../../ui/permitted-button.tsx';
import { notTheirAccount, worksOnAccount } from '../auth/permissions.ts';
import { useOpenDealsForAccount } from '../deals/deals.api.ts';
import { useProfile, useTeam } from '../me/me.api.ts';
import { touchKindLabels } from '../me/touch-kinds.ts';
import type { Account } from './accounts.api.ts';
import { useRecordTouch } from './accounts.api.ts';
import { LogTouchForm, loggableKinds } from './log-touch-form.tsx';
import { PlanTouchForm } from './plan-touch-form.tsx';
import '../me/my-day.css';

type Mode = { type: 'log'; kind: (typeof loggableKinds)[number] } | { type: 'plan' } | null;

const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** "Log a call / meeting / email / note" and "Plan a touch", on the account page. */
export function AccountActivity({ account }: { account: Account }) {
  const me = useSignedInUser();
  const [mode, setMode] = useState<Mode>(null);
  const record = useRecordTouch(account.id);
  const deals = useOpenDealsForAccount(account.id).data ?? [];
  const team = useTeam().data ?? [{ id: me.id, email: me.email, name: me.name, role: me.role, active: true }];
  // Due times are read in the person's own zone, as My day shows them.
  const timeZone = useProfile().data?.time_zone ?? browserZone;
  const open = (next: Mode) => {
    record.reset();
    setMode(next);
  };
  const close = () => setMode(null);
  const common = { accountId: account.id, deals, contacts: account.contacts, team, timeZone, pending: record.isPending, error: record.error, onCancel: close };

  // Refused up front, in words, rather than after the whole form is filled in (the server answers 403).
  const mayWork = worksOnAccount(me, account);

  return (
    <section className="card panel activity-bar" aria-label="Log or plan">
      {loggableKinds.map((kind) => (
        <PermittedButton key={kind} allowed={mayWork} whyId="activity-why" className="button button--secondary" onClick={() => open({ type: 'log', kind })}>
          Log {kind === 'email' ? 'an' : 'a'} {touchKindLabels[kind].toLowerCase()}
        </PermittedButton>
      ))}
      <PermittedButton allowed={mayWork} whyId="activity-why" className="button" onClick={() => open({ type: 'plan' })}>
        Plan a touch
      </PermittedButton>
      {mayWork ? null : (
        <p id="activity-why" className="field__hint activity-bar__why">
          {notTheirAccount(me.role, 'to log or plan touches here')}
        </p>
      )}
      <ModalDialog
        title={mode?.type === 'plan' ? `Plan a touch with ${account.name}` : mode ? `Log a ${touchKindLabels[mode.kind].toLowerCase()} with ${account.name}` : ''}
        open={mode !== null}
        onClose={close}
      >
        {mode?.type === 'log' ? (
          <LogTouchForm key={mode.kind} {...common} kind={mode.kind} onSubmit={(body) => record.mutate({ type: 'log', body }, { onSuccess: close })} />
        ) : null}
        {mode?.type === 'plan' ? (
          <PlanTouchForm {...common} accountName={account.name} onSubmit={(body) => record.mutate({ type: 'plan', body }, { onSuccess: close })} />
        ) : null}
      </ModalDialog>
    </section>
  );
}
