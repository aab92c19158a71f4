import { useState } from 'react';
import { LoadMoreButton } from '../../ui/load-more-button.tsx';
import { EmptyState, ErrorMessage, Loading } from '../../ui/status.tsx';
import { IssuesTable } from './issues-table.tsx';
import { NewIssuePanel } from './new-issue-panel.tsx';
import { ExportButton } from '../exports/export-button.tsx';
import { type IssueFilter, issueFilterLabels, listQuery, useIssues } from './service.api.ts';
import { ServiceStatsPanel } from './service-stats-panel.tsx';
import { SlaPanel } from './sla-panel.tsx';
import './service.css';

const filters = Object.keys(issueFilterLabels) as IssueFilter[];

export function ServicePage() {
  const [filter, setFilter] = useState<IssueFilter>('unresolved');
  const list = useIssues(filter);
  const issues = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <title>Service · Afterclose</title>
      <div className="page-header">
        <div>
          <h1>Service</h1>
          <p className="page-header__meta" aria-live="polite">
            {list.isSuccess ? `${issues.length}${list.hasNextPage ? '+' : ''} ${issueFilterLabels[filter].toLowerCase()}` : null}
          </p>
        </div>
        <div className="field service-filter">
          <label htmlFor="issue-filter">Show</label>
          <select id="issue-filter" className="input" value={filter} onChange={(e) => setFilter(e.target.value as IssueFilter)}>
            {filters.map((value) => (
              <option key={value} value={value}>
                {issueFilterLabels[value]}
              </option>
            ))}
          </select>
        </div>
        <ExportButton list="issues" filters={listQuery(filter, '')} label="Export these issues" />
      </div>
      <div className="stack">
        <ServiceStatsPanel />
        <div className="service-layout">
          <section aria-label="Issues">
            {list.isPending ? <Loading>Loading issues…</Loading> : null}
            {list.isError ? <ErrorMessage error={list.error} title="Could not load issues." /> : null}
            {list.isSuccess && issues.length === 0 ? <EmptyState>Nothing here: no issues match.</EmptyState> : null}
            {issues.length > 0 ? <IssuesTable issues={issues} /> : null}
            <LoadMoreButton hasMore={list.isSuccess && list.hasNextPage} loading={list.isFetchingNextPage} onLoadMore={() => list.fetchNextPage()} />
          </section>
          <NewIssuePanel />
        </div>
        <SlaPanel />
      </div>
    </>
  );
}
