import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ErrorMessage } from '../../ui/status.tsx';
import { type Deal, type DealStage, pipelineStages, useOpenDeals } from './deals.api.ts';
import { PipelineColumn } from './pipeline-column.tsx';
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

  const toggleStalled = (checked: boolean) => {
    setOnlyStalled(checked);
    setParams(checked ? { stalled: '1' } : {}, { replace: true });
  };

  const all = deals.data ?? [];
  const visible = onlyStalled ? all.filter((deal) => deal.stalled) : all;
  const byStage = groupByStage(visible);
  const stalledCount = all.filter((deal) => deal.stalled).length;

  return (
    <>
      <title>Pipeline · Afterclose</title>
      <PageHeader title="Pipeline" live description={deals.isSuccess
              ? `${all.length} open ${all.length === 1 ? 'deal' : 'deals'}, ${stalledCount} stalled`
              : null} actions={<label className="checkbox">
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
            <PipelineColumn key={stage} stage={stage} deals={byStage[stage]} />
          ))}
        </div>
      ) : null}
    </>
  );
}

function groupByStage(deals: Deal[]): Record<DealStage, Deal[]> {
  const groups: Record<DealStage, Deal[]> = { lead: [], qualified: [], proposal: [], negotiation: [] };
  for (const deal of deals) groups[deal.stage]?.push(deal);
  return groups;
}
