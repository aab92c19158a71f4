import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../ui/status.tsx';
import { type Role, roleLabels } from '../auth/auth.api.ts';
import { useAddUser } from './people.api.ts';

const roleChoices = Object.keys(roleLabels) as Role[];
const adminZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** An admin adds a colleague with a first password and tells it to them; they change it on their profile. */
export function AddUserForm({ onAdded, onCancel }: { onAdded: (name: string) => void; onCancel: () => void }) {
  const add = useAddUser();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('sales');
  const [password, setPassword] = useState('');

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ name: name.trim(), email: email.trim(), role, password, time_zone: adminZone() }, { onSuccess: (user) => onAdded(user.name) });
  };

  return (
    <section className="card people-card" aria-labelledby="add-user-heading">
      <h2 id="add-user-heading">Add a user</h2>
      <form className="people-form people-form--grid" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="new-user-name">Name</label>
          <input id="new-user-name" className="input" required value={name} autoComplete="off" onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="new-user-email">Email</label>
          <input id="new-user-email" className="input" type="email" required value={email} autoComplete="off" onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="new-user-role">Role</label>
          <select id="new-user-role" className="input" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {roleChoices.map((choice) => (
              <option key={choice} value={choice}>
                {roleLabels[choice]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="new-user-password">First password</label>
          <input
            id="new-user-password"
            className="input"
            type="text"
            required
            minLength={12}
            value={password}
            autoComplete="off"
            aria-describedby="new-user-password-hint"
            onChange={(e) => setPassword(e.target.value)}
          />
          <p id="new-user-password-hint" className="muted field__hint">
            At least 12 characters. Tell it to them: at first sign-in they choose their own.
          </p>
        </div>
        <div className="people-form__actions">
          <button type="submit" className="button" disabled={add.isPending}>
            Add user
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
      {add.isError ? <ErrorMessage error={add.error} title="User not added." /> : null}
    </section>
  );
}
