import { useState } from 'react';
import { LoadMoreButton } from '../../ui/load-more-button.tsx';
import { EmptyState, ErrorMessage } from '../../ui/status.tsx';
import { IssuesTable } from './issues-table.tsx';
import { NewIssuePanel } from './new-issue-panel.tsx';
import { ExportButton } from '../exports/export-button.tsx';
import { type IssueFilter, issueFilterLabels, listQuery, useIssues } from './service.api.ts';
import { ServiceStatsPanel } from './service-stats-panel.tsx';
import { LateOrdersPanel } from './late-orders-panel.tsx';
import { ShippingTimesPanel } from '../fulfilment/shipping-times-panel.tsx';
import { SlaPanel } from './sla-panel.tsx';
import './service.css';
import { PageHeader } from '../../ui/page-header.tsx';
import { SkeletonRows } from '../../ui/skeleton.tsx';

const filters = Object.keys(issueFilterLabels) as IssueFilter[];

export function ServicePage() {
  const [filter, setFilter] = useState<IssueFilter>('unresolved');
  const list = useIssues(filter);
  const issues = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <title>Service · Afterclose</title>
      <PageHeader title="Service" live description={list.isSuccess ? `${issues.length}${list.hasNextPage ? '+' : ''} ${issueFilterLabels[filter].toLowerCase()}` : null} actions={<><div className="field service-filter">
          <label htmlFor="issue-filter">Show</label>
          <select id="issue-filter" className="input" value={filter} onChange={(e) => setFilter(e.target.value as IssueFilter)}>
            {filters.map((value) => (
              <option key={value} value={value}>
                {issueFilterLabels[value]}
              </option>
            ))}
          </select>
        </div>
        <ExportButton list="issues" filters={listQuery(filter, '')} label="Export these issues" /></>} />
      <div className="stack">
        <ServiceStatsPanel />
        <LateOrdersPanel />
        <div className="service-layout">
          <section aria-label="Issues">
            {list.isPending ? <SkeletonRows label="Loading issues…" /> : null}
            {list.isError ? <ErrorMessage error={list.error} title="Could not load issues." /> : null}
            {list.isSuccess && issues.length === 0 ? (
              <EmptyState title="No issues here">Choose another list under Show, or open a new issue with the form on this page.</EmptyState>
            ) : null}
            {issues.length > 0 ? <IssuesTable issues={issues} /> : null}
            <LoadMoreButton hasMore={list.isSuccess && list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => list.fetchNextPage()} />
          </section>
          <NewIssuePanel />
        </div>
        <ShippingTimesPanel />
        <SlaPanel />
      </div>
    </>
  );
}
