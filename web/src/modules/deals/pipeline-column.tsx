import { formatMoney } from '../../ui/format.ts';
import { DealCard } from './deal-card.tsx';
import { type Deal, type DealStage, stageLabels } from './deals.api.ts';

type PipelineColumnProps = {
  stage: DealStage;
  deals: Deal[];
};

export function PipelineColumn({ stage, deals }: PipelineColumnProps) {
  const headingId = `stage-${stage}-heading`;
  const total = deals.reduce((sum, deal) => sum + deal.value, 0);
  return (
    <section
      className="pipeline-column"
      aria-labelledby={headingId}
      data-testid={`pipeline-column-${stage}`}
    >
      <div className="pipeline-column__header">
        <h2 id={headingId}>{stageLabels[stage]}</h2>
        <p className="pipeline-column__summary">
          {deals.length} {deals.length === 1 ? 'deal' : 'deals'} · {formatMoney(total)}
        </p>
      </div>
      {deals.length === 0 ? (
        <p className="pipeline-column__empty">No deals</p>
      ) : (
        <ul className="pipeline-column__cards">
          {deals.map((deal) => (
            <li key={deal.id}>
              <DealCard deal={deal} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
