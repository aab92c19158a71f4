import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { Badge } from '../../ui/badge.tsx';
import { formatDay, formatMoney } from '../../ui/format.ts';
import { ErrorMessage, Loading } from '../../ui/status.tsx';
import { CloseDealDialog } from './close-deal-dialog.tsx';
import { useChangeDeal } from './deal-changes.api.ts';
import { DealFormDialog } from './deal-form-dialog.tsx';
import { DealStageHistory, DealTouches } from './deal-history.tsx';
import { type Deal, stageLabels, useDeal } from './deals.api.ts';
import { type BoardTarget, MoveDealMenu } from './move-deal-menu.tsx';
import { NextStepDialog } from './next-step-dialog.tsx';
import { NextStepSummary } from './next-step-summary.tsx';
import { StalledBadge } from './stalled-badge.tsx';
import { UndoToast } from './undo-toast.tsx';
import { useMoveDeal } from './use-move-deal.tsx';
import { useUndoableClose } from './use-undoable-close.ts';
import './deals.css';

export function DealPage() {
  const { id = '' } = useParams();
  const deal = useDeal(id);
  if (deal.isPending) {
    return (
      <>
        <h1 className="sr-only">Deal</h1>
        <Loading>Loading the deal…</Loading>
      </>
    );
  }
  if (deal.isError) {
    const error = deal.error instanceof ApiError ? deal.error : null;
    const notFound = error?.status === 404 || (error?.status === 400 && error.field === 'id');
    return (
      <>
        <title>{`${notFound ? 'Deal not found' : 'Deal'} · Afterclose`}</title>
        <h1>{notFound ? 'Deal not found' : 'Could not load this deal'}</h1>
        {notFound ? <p>It may have been deleted.</p> : <ErrorMessage error={deal.error} />}
        <p>
          <Link to="/pipeline">Back to the pipeline</Link>
        </p>
      </>
    );
  }
  return <DealDetails deal={deal.data} />;
}

function DealDetails({ deal }: { deal: Deal }) {
  const mover = useMoveDeal();
  const closer = useUndoableClose();
  const change = useChangeDeal();
  const [closing, setClosing] = useState<'won' | 'lost' | null>(null);
  const [editing, setEditing] = useState(false);
  const [planning, setPlanning] = useState(false);
  const open = deal.status === 'open' && closer.pending === null;
  const choose = (target: BoardTarget) => (target === 'won' || target === 'lost' ? setClosing(target) : mover.move(deal, target));

  return (
    <>
      <title>{`${deal.title} · Afterclose`}</title>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/pipeline">Pipeline</Link>
        <span aria-hidden="true"> / </span>
        <span aria-current="page">{deal.title}</span>
      </nav>
      <div className="page-header deal-header">
        <div>
          <h1>{deal.title}</h1>
          <p className="page-header__meta">
            <Link to={`/accounts/${encodeURIComponent(deal.account_id)}`}>{deal.account_name}</Link> · Owner: {deal.owner_name}
          </p>
        </div>
        {open ? (
          <div className="deal-header__actions">
            <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
              Edit
            </button>
            <MoveDealMenu deal={deal} disabled={mover.moving} onChoose={choose} />
            <button type="button" className="button" onClick={() => setClosing('won')}>
              Mark as won
            </button>
            <button type="button" className="button button--secondary" onClick={() => setClosing('lost')}>
              Mark as lost
            </button>
          </div>
        ) : null}
      </div>

      <dl className="card deal-facts" data-testid="deal-facts">
        <div>
          <dt>Value</dt>
          <dd>{formatMoney(deal.value, deal.currency)}</dd>
        </div>
        <div>
          <dt>Stage</dt>
          <dd>
            {deal.status === 'open' ? stageLabels[deal.stage] : <Badge tone={deal.status === 'won' ? 'success' : 'neutral'}>{deal.status === 'won' ? 'Won' : 'Lost'}</Badge>}
          </dd>
        </div>
        <div>
          <dt>Expected close</dt>
          <dd>{deal.expected_close_on ? formatDay(deal.expected_close_on) : 'Not set'}</dd>
        </div>
        {deal.status === 'lost' ? (
          <div>
            <dt>Lost because</dt>
            <dd>{deal.lost_reason ?? 'No reason given'}</dd>
          </div>
        ) : null}
      </dl>

      <div className="deal-layout">
        <div>
          {deal.status === 'open' ? (
            <section className="card panel" aria-labelledby="deal-next-heading">
              <div className="panel__header">
                <h2 id="deal-next-heading">Next step</h2>
                {open ? (
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => {
                      change.reset();
                      setPlanning(true);
                    }}
                  >
                    Plan next step
                  </button>
                ) : null}
              </div>
              <NextStepSummary step={deal.next_step} labelled={false} />
              <StalledBadge deal={deal} />
            </section>
          ) : null}
          <DealTouches dealId={deal.id} />
        </div>
        <DealStageHistory dealId={deal.id} />
      </div>

      <p className="sr-only" aria-live="polite">
        {mover.announcement}
      </p>
      {closer.error ? <ErrorMessage error={closer.error} title="Could not close the deal." /> : null}
      {mover.dialog}
      {planning ? (
        <NextStepDialog
          title={`Plan the next step for ${deal.title}`}
          explanation="Every open deal keeps a dated next step: what happens, who does it and when. It shows on their My day."
          confirmLabel="Plan next step"
          pending={change.isPending}
          error={change.error ? change.error.message : null}
          onConfirm={(step) => change.mutate({ id: deal.id, change: { next_step: step } }, { onSuccess: () => setPlanning(false) })}
          onClose={() => setPlanning(false)}
        />
      ) : null}
      {editing ? (
        <DealFormDialog
          title="Edit deal"
          initial={{ title: deal.title, value: String(deal.value), currency: deal.currency, stage: deal.stage, owner_id: deal.owner_id, expected_close_on: deal.expected_close_on ?? '' }}
          askStage={false}
          submitLabel="Save"
          pending={change.isPending}
          error={change.error}
          onClose={() => {
            change.reset();
            setEditing(false);
          }}
          onSubmit={(draft) =>
            change.mutate(
              {
                id: deal.id,
                change: { title: draft.title.trim(), value: Number(draft.value), currency: draft.currency, owner_id: draft.owner_id, expected_close_on: draft.expected_close_on || null },
              },
              { onSuccess: () => setEditing(false) },
            )
          }
        />
      ) : null}
      {closing ? (
        <CloseDealDialog
          deal={deal}
          status={closing}
          onClose={() => setClosing(null)}
          onConfirm={(outcome) => {
            closer.schedule({ dealId: deal.id, title: deal.title, outcome });
            setClosing(null);
          }}
        />
      ) : null}
      <UndoToast pending={closer.pending} onUndo={closer.undo} />
    </>
  );
}
