import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { humanize } from '../../ui/format.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { SkeletonRows } from '../../ui/skeleton.tsx';
import { EmptyState, ErrorMessage } from '../../ui/status.tsx';
import { describeTrigger } from './playbook-labels.ts';
import { canManagePlaybooks, type Playbook, usePlaybooks } from './playbooks.api.ts';
import { type SimulationProgress, useRunSimulation } from './simulate.api.ts';
import { SimulationResults } from './simulate-results.tsx';
import './playbooks.css';
import './simulate.css';

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function lastYear(): { from: string; to: string } {
  const to = new Date();
  return { from: isoDay(new Date(to.getTime() - 365 * 86_400_000)), to: isoDay(to) };
}

/** The program as it is saved, so an edit can be told from no edit. */
const sameProgram = (a: Playbook[], b: Playbook[]) => JSON.stringify(a.map((p) => [p.enabled, p.steps])) === JSON.stringify(b.map((p) => [p.enabled, p.steps]));

function StepOffsets({ playbook, onChange }: { playbook: Playbook; onChange: (p: Playbook) => void }) {
  return (
    <fieldset className="simulate-steps">
      <legend>Days after the trigger, step by step, in “{playbook.name}”</legend>
      {playbook.steps.map((step, i) => (
        <div className="field" key={step.key}>
          <label htmlFor={`sim-step-${step.key}`}>{humanize(step.key)}</label>
          <input
            id={`sim-step-${step.key}`}
            type="number"
            min={0}
            max={3650}
            value={step.offset_days}
            onChange={(e) => onChange({ ...playbook, steps: playbook.steps.map((s, j) => (j === i ? { ...s, offset_days: Math.max(0, Number(e.target.value) || 0) } : s)) })}
          />
        </div>
      ))}
    </fieldset>
  );
}

/** How far the replay is, from the server's streamed lines: a year takes a while on a big history. */
function SimulationProgressBar({ progress, comparing }: { progress: SimulationProgress | null; comparing: boolean }) {
  const program = progress?.program === 'edited' ? 'Edited program' : 'Current program';
  const label = progress ? `${comparing ? `${program}: ` : ''}week ${progress.week} of ${progress.weeks}` : 'Replaying the period…';
  // Comparing replays the period twice: the bar covers both.
  const done = progress ? (progress.week + (progress.program === 'edited' ? progress.weeks : 0)) / (progress.weeks * (comparing ? 2 : 1)) : 0;
  return (
    <div className="simulate-progress card" data-testid="simulation-progress">
      <progress max={1} value={done} aria-label="Simulation progress" />
      <p role="status">{label}</p>
    </div>
  );
}

export function SimulatePage() {
  const user = useSignedInUser();
  const playbooks = usePlaybooks();
  const run = useRunSimulation();
  const [period, setPeriod] = useState(lastYear);
  const [silentDays, setSilentDays] = useState(90);
  const [edited, setEdited] = useState<Playbook[]>([]);
  const [editingId, setEditingId] = useState('');
  useEffect(() => {
    if (playbooks.data) setEdited(playbooks.data);
  }, [playbooks.data]);

  if (!canManagePlaybooks(user.role)) {
    return <EmptyState title="Managers and admins simulate the program">Ask a manager to try a change to the playbooks on your history.</EmptyState>;
  }
  const changed = playbooks.data !== undefined && !sameProgram(playbooks.data, edited);
  const editing = edited.find((p) => p.id === editingId);
  const replace = (next: Playbook) => setEdited(edited.map((p) => (p.id === next.id ? next : p)));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const program = edited.map(({ id, name, description, trigger, trigger_config, steps, enabled }) => ({ id, name, description, trigger, trigger_config, steps, enabled }));
    run.mutate({ from: period.from, to: period.to, silent_days: silentDays, ...(changed ? { edited: program } : {}) });
  };

  return (
    <>
      <title>Simulate the program · Afterclose</title>
      <PageHeader
        title="Simulate the program"
        description="Replay a period of your real orders and events through the playbooks and see who would have done what. Nothing is saved or sent."
        actions={
          <Link className="button button--secondary" to="/playbooks">
            Back to playbooks
          </Link>
        }
      />
      {playbooks.isPending ? <SkeletonRows label="Loading playbooks…" /> : null}
      {playbooks.isError ? <ErrorMessage error={playbooks.error} title="Could not load playbooks." /> : null}
      {playbooks.isSuccess ? (
        <form className="simulate-form card" onSubmit={submit}>
          <div className="simulate-form__period">
            <div className="field">
              <label htmlFor="sim-from">From</label>
              <input id="sim-from" type="date" required value={period.from} onChange={(e) => setPeriod({ ...period, from: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor="sim-to">To</label>
              <input id="sim-to" type="date" required value={period.to} onChange={(e) => setPeriod({ ...period, to: e.target.value })} />
            </div>
            <div className="field">
              <label htmlFor="sim-silent">Forgotten after (days without a touch)</label>
              <input id="sim-silent" type="number" min={7} max={730} value={silentDays} onChange={(e) => setSilentDays(Number(e.target.value) || 90)} />
            </div>
          </div>
          <fieldset className="simulate-toggles">
            <legend>Edited program: switch playbooks on or off</legend>
            {edited.map((p) => (
              <label key={p.id} className="simulate-toggle">
                <input type="checkbox" checked={p.enabled} onChange={(e) => replace({ ...p, enabled: e.target.checked })} />
                <span>
                  <strong>{p.name}</strong>
                  <span className="simulate-toggle__trigger">{describeTrigger(p.trigger, p.trigger_config)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <div className="field simulate-form__pick">
            <label htmlFor="sim-edit">Change the timing of a playbook’s steps</label>
            <select id="sim-edit" value={editingId} onChange={(e) => setEditingId(e.target.value)}>
              <option value="">Choose a playbook…</option>
              {edited.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          {editing ? <StepOffsets playbook={editing} onChange={replace} /> : null}
          <div className="simulate-form__actions">
            <button type="submit" className="button" disabled={run.isPending}>
              {run.isPending ? 'Simulating…' : changed ? 'Compare current and edited' : 'Simulate the current program'}
            </button>
            {changed ? (
              <button type="button" className="button button--secondary" onClick={() => setEdited(playbooks.data)}>
                Undo my edits
              </button>
            ) : null}
            <span className="simulate-form__hint">{changed ? 'Your edits are only simulated, not saved.' : 'Switch a playbook off or change a step to compare two programs.'}</span>
          </div>
        </form>
      ) : null}
      {run.isError ? <ErrorMessage error={run.error} title="The simulation did not run." /> : null}
      {run.isPending ? <SimulationProgressBar progress={run.progress} comparing={run.variables?.edited !== undefined} /> : null}
      {run.data ? <SimulationResults result={run.data} /> : null}
    </>
  );
}
