import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ErrorMessage } from '../../ui/status.tsx';
import { CloseDealDialog } from './close-deal-dialog.tsx';
import { type Deal, type DealStage, pipelineStages, useOpenDeals } from './deals.api.ts';
import type { BoardTarget } from './move-deal-menu.tsx';
import { PipelineColumn } from './pipeline-column.tsx';
import { totalsByCurrency } from './stage-totals.ts';
import { UndoToast } from './undo-toast.tsx';
import { useMoveDeal } from './use-move-deal.tsx';
import { useUndoableClose } from './use-undoable-close.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { SkeletonRows } from '../../ui/skeleton.tsx';

export function PipelinePage() {
  const [params, setParams] = useSearchParams();
  const stalledInUrl = params.get('stalled') === '1';
  // Local state answers the click at once; router navigations run as transitions, and a
  // controlled checkbox waiting on one would flip back until it commits.
  const [onlyStalled, setOnlyStalled] = useState(stalledInUrl);
  useEffect(() => setOnlyStalled(stalledInUrl), [stalledInUrl]);
  const deals = useOpenDeals();
  const mover = useMoveDeal();
  const closer = useUndoableClose();
  const [closing, setClosing] = useState<{ deal: Deal; status: 'won' | 'lost' } | null>(null);

  const toggleStalled = (checked: boolean) => {
    setOnlyStalled(checked);
    setParams(checked ? { stalled: '1' } : {}, { replace: true });
  };

  // A deal waiting out its undo window leaves the board at once, as it will when the window ends.
  const all = (deals.data ?? []).filter((deal) => deal.id !== closer.pending?.dealId);
  const visible = onlyStalled ? all.filter((deal) => deal.stalled) : all;
  const byStage = groupByStage(visible);
  const stalledCount = all.filter((deal) => deal.stalled).length;

  const moveTo = (deal: Deal, target: BoardTarget) => {
    if (target === 'won' || target === 'lost') setClosing({ deal, status: target });
    else mover.move(deal, target);
  };
  const dropOn = (dealId: string, stage: DealStage) => {
    const deal = all.find((d) => d.id === dealId);
    if (deal) mover.move(deal, stage);
  };

  return (
    <>
      <title>Pipeline · Afterclose</title>
      <PageHeader
        title="Pipeline"
        live
        description={
          deals.isSuccess ? `${all.length} open ${all.length === 1 ? 'deal' : 'deals'} worth ${totalsByCurrency(all)}, ${stalledCount} stalled` : null
        }
        actions={<label className="checkbox">
          <input
            type="checkbox"
            checked={onlyStalled}
            onChange={(event) => toggleStalled(event.target.checked)}
          />
          Only stalled
        </label>} />

      {deals.isPending ? <SkeletonRows label="Loading deals…" /> : null}
      {deals.isError ? <ErrorMessage error={deals.error} title="Could not load deals." /> : null}
      {deals.isSuccess ? (
        <div className="pipeline-board" data-testid="pipeline-board">
          {pipelineStages.map((stage) => (
            <PipelineColumn key={stage} stage={stage} deals={byStage[stage]} busy={mover.moving} onMove={moveTo} onDropDeal={dropOn} />
          ))}
        </div>
      ) : null}
      <p className="sr-only" aria-live="polite" data-testid="move-announcement">
        {mover.announcement}
      </p>
      {closer.error ? <ErrorMessage error={closer.error} title="Could not close the deal." /> : null}
      {mover.dialog}
      {closing ? (
        <CloseDealDialog
          deal={closing.deal}
          status={closing.status}
          onClose={() => setClosing(null)}
          onConfirm={(outcome) => {
            closer.schedule({ dealId: closing.deal.id, title: closing.deal.title, outcome });
            setClosing(null);
          }}
        />
      ) : null}
      <UndoToast pending={closer.pending} onUndo={closer.undo} />
    </>
  );
}

function groupByStage(deals: Deal[]): Record<DealStage, Deal[]> {
  const groups: Record<DealStage, Deal[]> = { lead: [], qualified: [], proposal: [], negotiation: [] };
  for (const deal of deals) groups[deal.stage]?.push(deal);
  return groups;
}
