import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ErrorMessage } from '../../ui/status.tsx';
import { describeWorkHeld, type TeamUser, useChangeUser, workHeldCount } from './people.api.ts';

type Props = { user: TeamUser; colleagues: TeamUser[]; onDone: (message: string) => void; onCancel: () => void };

/** Deactivating asks who takes over what the person holds (touches, accounts, deals, issues), so no customer loses their next step or owner. */
export function DeactivatePanel({ user, colleagues, onDone, onCancel }: Props) {
  const change = useChangeUser(user.id);
  const [colleagueId, setColleagueId] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const needsColleague = workHeldCount(user) > 0;
  const held = describeWorkHeld(user);
  useEffect(() => headingRef.current?.focus(), []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const colleague = colleagues.find((c) => c.id === colleagueId);
    change.mutate(
      { active: false, ...(colleague ? { hand_over_to: colleague.id } : {}) },
      {
        onSuccess: () =>
          onDone(
            colleague && needsColleague
              ? `${user.name} is deactivated; ${colleague.name} now has their ${held}.`
              : `${user.name} is deactivated.`,
          ),
      },
    );
  };

  return (
    <section className="card people-card people-card--warning" aria-labelledby="deactivate-heading" data-testid="deactivate-panel">
      <h2 id="deactivate-heading" ref={headingRef} tabIndex={-1}>
        Deactivate {user.name}?
      </h2>
      <p>They can no longer sign in, and their open sessions and API tokens stop working at once. You can reactivate them later.</p>
      <form className="people-form" onSubmit={onSubmit}>
        {needsColleague ? (
          <div className="field">
            <label htmlFor="hand-over-to">Who takes over their {held}?</label>
            <select id="hand-over-to" className="input" required value={colleagueId} onChange={(e) => setColleagueId(e.target.value)}>
              <option value="">Choose a colleague…</option>
              {colleagues.map((colleague) => (
                <option key={colleague.id} value={colleague.id}>
                  {colleague.name}
                </option>
              ))}
            </select>
            {user.work_held.open_issues ? <p className="muted">Open issues go to them if they are on the service team; otherwise back to the service team.</p> : null}
          </div>
        ) : (
          <p className="muted">They hold nothing open to hand over.</p>
        )}
        <div className="people-form__actions">
          <button type="submit" className="button button--danger" disabled={change.isPending || (needsColleague && !colleagueId)}>
            Deactivate {user.name}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
        {change.isError ? <ErrorMessage error={change.error} title="Not deactivated." /> : null}
      </form>
    </section>
  );
}
