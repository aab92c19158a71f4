import { Badge } from '../../ui/badge.tsx';

export function PlaybookStatusBadge({ enabled }: { enabled: boolean }) {
  return <Badge tone={enabled ? 'success' : 'neutral'}>{enabled ? 'Enabled' : 'Disabled'}</Badge>;
}
