import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../ui/status.tsx';
import { meKeys } from '../me/me.api.ts';
import { useQueryClient } from '@tanstack/react-query';
import { useChangePassword } from './people.api.ts';

// The server's rule (src/modules/users/passwords.ts); checked here too so a typo answers at once.
const minimumLength = 12;

export function PasswordForm() {
  const change = useChangePassword();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState('');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (next.length < minimumLength) return setProblem(`The new password must be at least ${minimumLength} characters.`);
    if (next !== repeat) return setProblem('The two new passwords are not the same.');
    setProblem('');
    change.mutate(
      { current_password: current, new_password: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setRepeat('');
          // A first password set by an admin no longer holds the person on this page.
          return queryClient.invalidateQueries({ queryKey: meKeys.profile });
        },
      },
    );
  };

  return (
    <section className="card people-card" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <p className="muted">At least {minimumLength} characters. Changing it signs you out on every other device.</p>
      <form className="people-form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="password-current">Current password</label>
          <input id="password-current" className="input" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="password-new">New password</label>
          <input id="password-new" className="input" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="password-repeat">New password again</label>
          <input id="password-repeat" className="input" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />
        </div>
        <div className="people-form__actions">
          <button type="submit" className="button" disabled={change.isPending || !current || !next}>
            Change password
          </button>
          <p role="status" className="muted">
            {change.isSuccess ? 'Password changed.' : ''}
          </p>
        </div>
        {problem ? (
          <p className="status status--error" role="alert">
            {problem}
          </p>
        ) : null}
        {change.isError ? <ErrorMessage error={change.error} title="Password not changed." /> : null}
      </form>
    </section>
  );
}
