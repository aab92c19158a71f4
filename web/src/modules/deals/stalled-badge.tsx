import { Badge } from '../../ui/badge.tsx';
import { pluralize } from '../../ui/format.ts';
import type { Deal } from './deals.api.ts';

export function StalledBadge({ deal }: { deal: Pick<Deal, 'stalled' | 'days_stalled'> }) {
  if (!deal.stalled) return null;
  const text =
    deal.days_stalled === null ? 'Stalled' : `Stalled · ${pluralize(deal.days_stalled, 'day')}`;
  return (
    <Badge tone="warning" testId="stalled-badge">
      <span aria-hidden="true">⚠ </span>
      {text}
    </Badge>
  );
}
