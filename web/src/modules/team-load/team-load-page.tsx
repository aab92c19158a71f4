import { useState } from 'react';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { Badge } from '../../ui/badge.tsx';
import { pluralize } from '../../ui/format.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { SkeletonRows } from '../../ui/skeleton.tsx';
import { EmptyState, ErrorMessage } from '../../ui/status.tsx';
import { PersonLoadCard } from './person-load-card.tsx';
import { RebalanceDialog } from './rebalance-dialog.tsx';
import { canSeeTeamLoad, type Rebalance, type TeamLoad, usePreviewRebalance, useRebalance, useTeamLoad } from './team-load.api.ts';
import './team-load.css';

function describeLoad(load: TeamLoad | undefined): string {
  if (!load) return 'Planned touches per person for the next four weeks, against what each person can take.';
  if (load.over_touches === 0) return 'Everyone’s planned work fits their capacity for the next four weeks.';
  return `${pluralize(load.over_touches, 'touch', 'touches')} over capacity on ${pluralize(load.over_days, 'person-day')} in the next four weeks.`;
}

function RebalanceResult({ result }: { result: Rebalance }) {
  const moved = result.moves.length;
  return (
    <p className="team-load-notice" role="status" data-testid="rebalance-result">
      <Badge tone="success">Done</Badge>
      {moved > 0 ? `Moved ${pluralize(moved, 'task')} to days with room.` : 'Nothing needed moving any more.'}{' '}
      {result.still_over.length > 0
        ? `${pluralize(result.still_over.length, 'person-day')} stay over capacity: their work has no slack and keeps its deadline.`
        : 'No one is over capacity now.'}
    </p>
  );
}

// Whoever has too much comes first: that is what a manager opens this page for.
const overloadedFirst = (load: TeamLoad) => [...load.people].sort((a, b) => b.over_touches - a.over_touches || a.name.localeCompare(b.name));

export function TeamLoadPage() {
  const user = useSignedInUser();
  const allowed = canSeeTeamLoad(user.role);
  const load = useTeamLoad(allowed);
  const preview = usePreviewRebalance();
  const rebalance = useRebalance();
  const [confirming, setConfirming] = useState(false);

  if (!allowed) {
    return <EmptyState title="Managers see the team’s load">Your own planned work is on My day.</EmptyState>;
  }
  const open = () => {
    rebalance.reset();
    preview.mutate();
    setConfirming(true);
  };
  const confirm = () => rebalance.mutate(undefined, { onSuccess: () => setConfirming(false) });

  return (
    <>
      <title>Team load · Afterclose</title>
      <PageHeader
        title="Team load"
        description={describeLoad(load.data)}
        live
        actions={
          <button type="button" className="button" onClick={open} disabled={!load.data || load.data.over_touches === 0}>
            Rebalance
          </button>
        }
      />
      {rebalance.data ? <RebalanceResult result={rebalance.data} /> : null}
      {load.isPending ? <SkeletonRows label="Loading the team’s planned work…" /> : null}
      {load.isError ? <ErrorMessage error={load.error} title="Could not load the team’s planned work." /> : null}
      {load.data ? (
        <>
          <ul className="team-load-legend" aria-label="Legend">
            <li><span className="team-load-swatch team-load-cell--ok" aria-hidden="true" /> planned / can take</li>
            <li><span className="team-load-swatch team-load-cell--full" aria-hidden="true" /> full</li>
            <li><span className="team-load-swatch team-load-cell--over" aria-hidden="true" /> over capacity</li>
            <li><span className="team-load-swatch team-load-cell--off" aria-hidden="true" /> day off or away</li>
          </ul>
          {load.data.people.length === 0 ? (
            <EmptyState title="No one on the team yet">Add people on the Users page to plan work for them.</EmptyState>
          ) : (
            <div className="team-load-people">
              {overloadedFirst(load.data).map((person) => (
                <PersonLoadCard key={person.id} person={person} />
              ))}
            </div>
          )}
        </>
      ) : null}
      {confirming ? (
        <RebalanceDialog
          preview={{ data: preview.data, error: preview.error, isPending: preview.isPending }}
          applying={rebalance.isPending}
          applyError={rebalance.error}
          onConfirm={confirm}
          onClose={() => setConfirming(false)}
        />
      ) : null}
    </>
  );
}
