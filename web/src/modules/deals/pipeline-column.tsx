
import { type DragEvent, useState } from 'react';
import { DealCard } from './deal-card.tsx';
import { type Deal, type DealStage, stageLabels } from './deals.api.ts';
import { type BoardTarget, MoveDealMenu } from './move-deal-menu.tsx';
import { totalsByCurrency } from './stage-totals.ts';

type PipelineColumnProps = {
  stage: DealStage;
  deals: Deal[];
  busy: boolean;
  onMove: (deal: Deal, target: BoardTarget) => void;
  onDropDeal: (dealId: string, stage: DealStage) => void;
};

const DEAL_ID_TYPE = 'application/x-afterclose-deal';

export function PipelineColumn({ stage, deals, busy, onMove, onDropDeal }: PipelineColumnProps) {
  const headingId = `stage-${stage}-heading`;
  const [over, setOver] = useState(false);
  const accepts = (event: DragEvent) => event.dataTransfer.types.includes(DEAL_ID_TYPE);
  return (
    <section
      className={over ? 'pipeline-column pipeline-column--over' : 'pipeline-column'}
      aria-labelledby={headingId}
      data-testid={`pipeline-column-${stage}`}
      onDragOver={(event) => {
        if (!accepts(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        setOver(false);
        const dealId = event.dataTransfer.getData(DEAL_ID_TYPE);
        if (!dealId) return;
        event.preventDefault();
        onDropDeal(dealId, stage);
      }}
    >
      <div className="pipeline-column__header">
        <h2 id={headingId}>{stageLabels[stage]}</h2>
        <p className="pipeline-column__summary" data-testid="stage-total">
          {deals.length} {deals.length === 1 ? 'deal' : 'deals'} · {totalsByCurrency(deals)}
        </p>
      </div>
      {deals.length === 0 ? (
        <p className="pipeline-column__empty">No deals. Drag a card here or use its “Move to…” menu.</p>
      ) : (
        <ul className="pipeline-column__cards">
          {deals.map((deal) => (
            <li key={deal.id}>
              <DealCard
                deal={deal}
                onDragStart={(event) => {
                  event.dataTransfer.setData(DEAL_ID_TYPE, deal.id);
                  event.dataTransfer.effectAllowed = 'move';
                }}
                actions={<MoveDealMenu deal={deal} disabled={busy} onChoose={(target) => onMove(deal, target)} />}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
