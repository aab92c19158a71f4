import { Badge } from '../../ui/badge.tsx';
import { ErrorMessage } from '../../ui/status.tsx';
import { type Role, roleLabels } from '../auth/auth.api.ts';
import { describeCapacity } from './capacity-summary.ts';
import { describeWorkHeld, type TeamUser, useChangeUser } from './people.api.ts';

const roleChoices = Object.keys(roleLabels) as Role[];

type Props = { user: TeamUser; isMe: boolean; onDeactivate: () => void; onEditCapacity: () => void; onChanged: (message: string) => void };

export function UserRow({ user, isMe, onDeactivate, onEditCapacity, onChanged }: Props) {
  const change = useChangeUser(user.id);
  const changeRole = (role: Role) => change.mutate({ role }, { onSuccess: () => onChanged(`${user.name} is now ${roleLabels[role]}.`) });
  const reactivate = () => change.mutate({ active: true }, { onSuccess: () => onChanged(`${user.name} can sign in again.`) });

  return (
    <tr data-testid="user-row" className={user.active ? undefined : 'people-table__row--inactive'}>
      <td data-label="Name">
        <span className="people-table__name">{user.name}</span>
        <span className="muted people-table__email">{user.email}</span>
      </td>
      <td data-label="Role">
        {isMe ? (
          <span title="Ask another admin to change your own role">{roleLabels[user.role]} (you)</span>
        ) : (
          <select
            className="input input--compact"
            aria-label={`Role of ${user.name}`}
            value={user.role}
            disabled={change.isPending}
            onChange={(e) => changeRole(e.target.value as Role)}
          >
            {roleChoices.map((choice) => (
              <option key={choice} value={choice}>
                {roleLabels[choice]}
              </option>
            ))}
          </select>
        )}
        {change.isError ? <ErrorMessage error={change.error} /> : null}
      </td>
      <td data-label="Status">{user.active ? <Badge tone="success">Active</Badge> : <Badge tone="neutral">Deactivated</Badge>}</td>
      <td data-label="Holds">{user.active ? describeWorkHeld(user) || 'Nothing open' : '–'}</td>
      <td data-label="Capacity" className="people-table__capacity">
        <span className="people-table__capacity-text">{describeCapacity(user)}</span>
        <button type="button" className="button button--secondary button--small" onClick={onEditCapacity}>
          Change<span className="sr-only"> capacity of {user.name}</span>
        </button>
      </td>
      <td className="people-table__actions">
        {isMe ? null : user.active ? (
          <button type="button" className="button button--secondary button--small" onClick={onDeactivate}>
            Deactivate…<span className="sr-only"> {user.name}</span>
          </button>
        ) : (
          <button type="button" className="button button--secondary button--small" disabled={change.isPending} onClick={reactivate}>
            Reactivate<span className="sr-only"> {user.name}</span>
          </button>
        )}
      </td>
    </tr>
  );
}
