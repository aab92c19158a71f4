import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { formatDateTime } from '../../ui/format.ts';
import { ErrorMessage, Loading } from '../../ui/status.tsx';
import { PlaybookForm } from './playbook-form.tsx';
import { describeTrigger } from './playbook-labels.ts';
import { PlaybookRuns } from './playbook-runs.tsx';
import { PlaybookStatusBadge } from './playbook-status-badge.tsx';
import { PlaybookTimeline } from './playbook-timeline.tsx';
import { EditorsOnlyNote, PlaybookToggleButton } from './playbook-toggle-button.tsx';
import { canManagePlaybooks, usePlaybook } from './playbooks.api.ts';
import './playbooks.css';

export function PlaybookPage() {
  const { id = '' } = useParams();
  const user = useSignedInUser();
  const playbook = usePlaybook(id);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const savedRef = useRef<HTMLParagraphElement>(null);
  // The form is rebuilt after a save, taking its submit button with it: focus goes to the confirmation.
  useEffect(() => {
    if (savedVersion !== null) savedRef.current?.focus();
  }, [savedVersion]);

  if (playbook.isPending) {
    return (
      <>
        <h1 className="sr-only">Playbook</h1>
        <Loading>Loading playbook…</Loading>
      </>
    );
  }
  if (playbook.isError) {
    const error = playbook.error instanceof ApiError ? playbook.error : null;
    const notFound = error?.status === 404 || (error?.status === 400 && error.field === 'id');
    return (
      <>
        <title>{`${notFound ? 'Playbook not found' : 'Playbook'} · Afterclose`}</title>
        <h1>{notFound ? 'Playbook not found' : 'Could not load this playbook'}</h1>
        {notFound ? null : <ErrorMessage error={playbook.error} />}
        <p>
          <Link to="/playbooks">Back to playbooks</Link>
        </p>
      </>
    );
  }

  const data = playbook.data;
  return (
    <>
      <title>{`${data.name} · Afterclose`}</title>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/playbooks">Playbooks</Link>
        <span aria-hidden="true"> / </span>
        <span aria-current="page">{data.name}</span>
      </nav>
      <div className="page-header">
        <div>
          <div className="playbook-title">
            <h1 id={`playbook-${data.id}-name`}>{data.name}</h1>
            <PlaybookStatusBadge enabled={data.enabled} />
          </div>
          <p className="page-header__meta">
            Starts when: {describeTrigger(data.trigger, data.trigger_config)} · version {data.version} · changed {formatDateTime(data.updated_at)}
          </p>
        </div>
        <div className="playbook-title__actions">
          <PlaybookToggleButton playbook={data} />
        </div>
      </div>
      {data.description ? <p className="playbook-description">{data.description}</p> : null}
      <EditorsOnlyNote />
      <div className="account-layout">
        <section className="card panel" aria-labelledby="playbook-steps-heading">
          <h2 id="playbook-steps-heading">Steps</h2>
          <PlaybookTimeline steps={data.steps} />
        </section>
        <PlaybookRuns playbookId={data.id} />
      </div>
      {canManagePlaybooks(user.role) ? (
        <section className="card panel playbook-edit" aria-labelledby="playbook-edit-heading">
          <h2 id="playbook-edit-heading">Edit playbook</h2>
          <p className="muted">Saving makes a new version; runs already started keep the steps they began with.</p>
          {/* Keyed by version: after a save the form starts again from what the server stored. */}
          {savedVersion !== null ? (
            <p ref={savedRef} tabIndex={-1} className="status" role="status">
              Saved as version {savedVersion}.
            </p>
          ) : null}
          <PlaybookForm key={data.version} playbook={data} onSaved={(saved) => setSavedVersion(saved.version)} />
        </section>
      ) : null}
    </>
  );
}
