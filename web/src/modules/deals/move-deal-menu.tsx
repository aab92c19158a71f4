import { type Deal, type DealStage, pipelineStages, stageLabels } from './deals.api.ts';

export type BoardTarget = DealStage | 'won' | 'lost';

/** The keyboard way to move a card: a labelled select, so screen readers name the deal and the choice. */
export function MoveDealMenu({ deal, disabled, onChoose }: { deal: Pick<Deal, 'id' | 'title' | 'stage'>; disabled: boolean; onChoose: (target: BoardTarget) => void }) {
  const id = `move-${deal.id}`;
  return (
    <div className="deal-card__move">
      <label htmlFor={id} className="sr-only">
        Move {deal.title} to
      </label>
      <select
        id={id}
        className="input input--compact"
        value=""
        disabled={disabled}
        onChange={(event) => {
          const target = event.target.value as BoardTarget | '';
          if (target) onChoose(target);
        }}
      >
        <option value="">Move to…</option>
        {pipelineStages
          .filter((stage) => stage !== deal.stage)
          .map((stage) => (
            <option key={stage} value={stage}>
              {stageLabels[stage]}
            </option>
          ))}
        <option value="won">Won</option>
        <option value="lost">Lost</option>
      </select>
    </div>
  );
}
