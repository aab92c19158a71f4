import { useSignedInUser } from '../../app/signed-in-user.ts';
import { canExport, managersOnly } from '../auth/permissions.ts';

const lists = [
  { name: 'accounts', label: 'Accounts' },
  { name: 'touches', label: 'Touches' },
  { name: 'scores', label: 'Scores' },
  { name: 'issues', label: 'Service issues' },
  { name: 'referrals', label: 'Referrals' },
] as const;

/** CSV downloads of whole lists, for the roles the server lets download them. */
export function ExportsPanel() {
  const user = useSignedInUser();
  return (
    <section className="card settings-calendar" aria-labelledby="exports-heading">
      <h2 id="exports-heading">Exports</h2>
      {canExport(user.role) ? (
        <>
          <p>Download a whole list as CSV (opens in any spreadsheet).</p>
          <div className="settings-calendar__actions">
            {lists.map((list) => (
              <a key={list.name} className="button button--secondary" href={`/api/v1/exports/${list.name}.csv`} download>
                {list.label}
              </a>
            ))}
          </div>
        </>
      ) : (
        <p className="status">{managersOnly.export}</p>
      )}
    </section>
  );
}
