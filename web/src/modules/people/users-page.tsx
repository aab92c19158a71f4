import { useState } from 'react';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { Badge } from '../../ui/badge.tsx';
import { ErrorMessage, Loading } from '../../ui/status.tsx';
import { AddUserForm } from './add-user-form.tsx';
import { CapacityPanel } from './capacity-panel.tsx';
import { DeactivatePanel } from './deactivate-panel.tsx';
import { type TeamUser, useAllUsers } from './people.api.ts';
import { UserRow } from './user-row.tsx';
import './people.css';

/** Admins add colleagues, change their role and capacity, deactivate (handing over their touches) and reactivate. */
export function UsersPage() {
  const me = useSignedInUser();
  const users = useAllUsers();
  const [adding, setAdding] = useState(false);
  const [leaving, setLeaving] = useState<TeamUser | null>(null);
  const [sizing, setSizing] = useState<TeamUser | null>(null);
  const [announcement, setAnnouncement] = useState('');

  if (me.role !== 'admin') {
    return (
      <>
        <title>Users · Afterclose</title>
        <div className="page-header">
          <h1>Users</h1>
        </div>
        <p className="status">Only admins manage users. Ask an admin to add a colleague or change a role.</p>
      </>
    );
  }

  const all = users.data ?? [];
  const active = all.filter((user) => user.active);
  return (
    <>
      <title>Users · Afterclose</title>
      <div className="page-header">
        <div>
          <h1>Users</h1>
          <p className="page-header__meta">{users.data ? `${active.length} active · ${all.length - active.length} deactivated` : null}</p>
        </div>
        {adding ? null : (
          <button type="button" className="button" onClick={() => setAdding(true)}>
            Add user
          </button>
        )}
      </div>
      <p className="sr-only" role="status">
        {announcement}
      </p>
      {announcement ? (
        <p className="people-notice" data-testid="people-notice">
          <Badge tone="success">Done</Badge> {announcement}
        </p>
      ) : null}
      {adding ? (
        <AddUserForm
          onCancel={() => setAdding(false)}
          onAdded={(name) => {
            setAdding(false);
            setAnnouncement(`${name} is added. Tell them their first password; they choose their own when they sign in.`);
          }}
        />
      ) : null}
      {leaving ? (
        <DeactivatePanel
          key={leaving.id}
          user={leaving}
          colleagues={active.filter((user) => user.id !== leaving.id)}
          onCancel={() => setLeaving(null)}
          onDone={(message) => {
            setLeaving(null);
            setAnnouncement(message);
          }}
        />
      ) : null}
      {sizing ? (
        <CapacityPanel
          key={sizing.id}
          user={sizing}
          onCancel={() => setSizing(null)}
          onDone={(message) => {
            setSizing(null);
            setAnnouncement(message);
          }}
        />
      ) : null}
      {users.isPending ? <Loading>Loading users…</Loading> : null}
      {users.isError ? <ErrorMessage error={users.error} title="Could not load users." /> : null}
      {users.data ? (
        <div className="card people-table">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Holds</th>
                <th scope="col">Capacity</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {all.map((user) => (
                <UserRow key={user.id} user={user} isMe={user.id === me.id} onDeactivate={() => setLeaving(user)} onEditCapacity={() => setSizing(user)} onChanged={setAnnouncement} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
