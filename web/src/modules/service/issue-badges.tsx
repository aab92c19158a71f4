import { Badge, type BadgeTone } from '../../ui/badge.tsx';
import { type Issue, type Severity, severityLabels, slaLabels, slaTones, statusLabels } from './service.api.ts';

const severityTones: Record<Severity, BadgeTone> = { urgent: 'danger', high: 'warning', normal: 'info', low: 'neutral' };

export function IssueBadges({ issue }: { issue: Pick<Issue, 'severity' | 'status' | 'sla_state'> }) {
  return (
    <span className="issue-badges">
      <Badge tone={severityTones[issue.severity]}>{severityLabels[issue.severity]}</Badge>
      <Badge>{statusLabels[issue.status]}</Badge>
      {issue.sla_state !== 'ok' ? (
        <Badge tone={slaTones[issue.sla_state]} testId="sla-badge">
          {slaLabels[issue.sla_state]}
        </Badge>
      ) : null}
    </span>
  );
}
