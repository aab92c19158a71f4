import { Link } from 'react-router-dom';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { EmptyState, ErrorMessage } from '../../ui/status.tsx';
import { describeTrigger } from './playbook-labels.ts';
import { PlaybookStatusBadge } from './playbook-status-badge.tsx';
import { EditorsOnlyNote, PlaybookToggleButton } from './playbook-toggle-button.tsx';
import { canManagePlaybooks, usePlaybooks } from './playbooks.api.ts';
import './playbooks.css';
import { PageHeader } from '../../ui/page-header.tsx';
import { SkeletonRows } from '../../ui/skeleton.tsx';

export function PlaybooksPage() {
  const user = useSignedInUser();
  const playbooks = usePlaybooks();
  return (
    <>
      <title>Playbooks · Afterclose</title>
      <PageHeader title="Playbooks" description="What happens after the sale, automatically: tasks, emails and surveys on a schedule." actions={canManagePlaybooks(user.role) ? (
          <>
            <Link className="button button--secondary" to="/playbooks/simulate">
              Simulate on past events
            </Link>
            <Link className="button" to="/playbooks/new">
              New playbook
            </Link>
          </>
        ) : null} />
      <EditorsOnlyNote />
      {playbooks.isPending ? <SkeletonRows label="Loading playbooks…" /> : null}
      {playbooks.isError ? <ErrorMessage error={playbooks.error} title="Could not load playbooks." /> : null}
      {playbooks.isSuccess && playbooks.data.length === 0 ? (
        <EmptyState title="No playbooks yet">Write one to plan the calls, emails and surveys that follow every sale.</EmptyState>
      ) : null}
      {playbooks.isSuccess && playbooks.data.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table" data-testid="playbooks-table">
            <caption className="sr-only">Playbooks</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Starts when</th>
                <th scope="col">Steps</th>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {playbooks.data.map((playbook) => (
                <tr key={playbook.id} data-testid="playbook-row">
                  <th scope="row" id={`playbook-${playbook.id}-name`}>
                    <Link className="row-link" to={`/playbooks/${encodeURIComponent(playbook.id)}`}>
                      {playbook.name}
                    </Link>
                    {playbook.description ? <p className="playbook-row__description">{playbook.description}</p> : null}
                  </th>
                  <td>{describeTrigger(playbook.trigger, playbook.trigger_config)}</td>
                  <td>{playbook.steps.length}</td>
                  <td>{playbook.version}</td>
                  <td>
                    <PlaybookStatusBadge enabled={playbook.enabled} />
                  </td>
                  <td>
                    <PlaybookToggleButton playbook={playbook} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
