import { Link } from 'react-router-dom';
import { formatMoney } from '../../ui/format.ts';
import type { Deal } from './deals.api.ts';
import { NextStepSummary } from './next-step-summary.tsx';
import { StalledBadge } from './stalled-badge.tsx';

type DealCardProps = {
  deal: Deal;
  showAccount?: boolean;
  showStage?: string;
};

export function DealCard({ deal, showAccount = true, showStage }: DealCardProps) {
  const titleId = `deal-${deal.id}-title`;
  return (
    <article
      className={deal.stalled ? 'deal-card deal-card--stalled' : 'deal-card'}
      aria-labelledby={titleId}
      data-testid="deal-card"
      data-deal-id={deal.id}
    >
      <div className="deal-card__top">
        <h3 id={titleId} className="deal-card__title">
          {deal.title}
        </h3>
        <span className="deal-card__value">
          <span className="sr-only">Value </span>
          {formatMoney(deal.value)}
        </span>
      </div>
      {showAccount ? (
        <p className="deal-card__account">
          <Link to={`/accounts/${encodeURIComponent(deal.account_id)}`}>{deal.account_name}</Link>
        </p>
      ) : null}
      <p className="deal-card__meta">
        {showStage ? `${showStage} · ` : null}
        Owner: {deal.owner_name ?? 'Unassigned'}
      </p>
      <StalledBadge deal={deal} />
      <NextStepSummary step={deal.next_step} />
    </article>
  );
}
