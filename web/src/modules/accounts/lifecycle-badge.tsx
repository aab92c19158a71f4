import { Badge, type BadgeTone } from '../../ui/badge.tsx';
import { type Lifecycle, lifecycleLabels } from './accounts.api.ts';

const tones: Record<Lifecycle, BadgeTone> = {
  prospect: 'info',
  customer: 'success',
  lost: 'neutral',
};

export function LifecycleBadge({ lifecycle }: { lifecycle: Lifecycle }) {
  return <Badge tone={tones[lifecycle] ?? 'neutral'}>{lifecycleLabels[lifecycle] ?? lifecycle}</Badge>;
}
