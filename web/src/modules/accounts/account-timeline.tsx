import { useState } from 'react';
import { Badge } from '../../ui/badge.tsx';
import { formatMoney, humanize } from '../../ui/format.ts';
import { LoadMoreButton } from '../../ui/load-more-button.tsx';
import { SkeletonRows } from '../../ui/skeleton.tsx';
import { EmptyState, ErrorMessage } from '../../ui/status.tsx';
import { formatDateTimeInZone, timesInZone, useUserTimeZone } from '../../ui/time-zone.ts';
import { type TimelineItem, type TimelineType, useAccountTimeline } from './accounts.api.ts';
import { TimelineIcon, timelineFilterTypes, timelineLooks } from './timeline-kinds.tsx';

const fallbackLook = { label: 'Activity', tone: 'neutral' } as const;

export function AccountTimeline({ accountId }: { accountId: string }) {
  const [type, setType] = useState<TimelineType | undefined>(undefined);
  const timeline = useAccountTimeline(accountId, type);
  const items = newestFirst(timeline.data?.pages.flatMap((page) => page.items) ?? []);
  const filterLabel = type ? (timelineLooks[type]?.label ?? type).toLowerCase() : null;
  const timeZone = useUserTimeZone();

  return (
    <section className="card panel" aria-labelledby="timeline-heading">
      <div className="panel__header">
        <h2 id="timeline-heading">Timeline</h2>
        <div className="panel__filter">
          <label htmlFor={`timeline-type-${accountId}`}>Show</label>
          <select
            id={`timeline-type-${accountId}`}
            className="input input--narrow"
            value={type ?? ''}
            onChange={(e) => setType((e.target.value || undefined) as TimelineType | undefined)}
          >
            <option value="">Everything</option>
            {timelineFilterTypes.map((value) => (
              <option key={value} value={value}>
                {timelineLooks[value].label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="muted" data-testid="timeline-zone">
        {timesInZone(timeZone)}
      </p>
      {timeline.isPending ? <SkeletonRows label="Loading timeline…" /> : null}
      {timeline.isError ? <ErrorMessage error={timeline.error} title="Could not load the timeline." /> : null}
      {timeline.isSuccess && items.length === 0 ? (
        <EmptyState>{filterLabel ? `No ${filterLabel} entries on this account yet.` : 'Nothing has happened with this account yet. Log a call or plan a touch to start.'}</EmptyState>
      ) : null}
      {items.length > 0 ? (
        <ol className="timeline" data-testid="timeline">
          {items.map((item) => (
            <TimelineEntry key={`${item.kind}:${item.id}`} item={item} timeZone={timeZone} />
          ))}
        </ol>
      ) : null}
      <LoadMoreButton hasMore={timeline.hasNextPage} loading={timeline.isFetchingNextPage} onLoadMore={() => timeline.fetchNextPage()} />
    </section>
  );
}

function TimelineEntry({ item, timeZone }: { item: TimelineItem; timeZone: string }) {
  const look = timelineLooks[item.type] ?? fallbackLook;
  return (
    <li className={`timeline__item timeline__item--${item.kind} timeline__item--${item.type}`} data-testid="timeline-item" data-type={item.type}>
      <span className="timeline__icon" aria-hidden="true">
        <TimelineIcon type={item.type} />
      </span>
      <div className="timeline__body">
        <p className="timeline__meta">
          <Badge tone={look.tone}>{look.label}</Badge>
          <time dateTime={item.at}>{formatDateTimeInZone(item.at, timeZone)}</time>
          {item.status ? <span className="muted">· {humanize(item.status)}</span> : null}
        </p>
        <h3 className="timeline__title">
          {item.title}
          {item.amount ? ` · ${formatMoney(item.amount.value, item.amount.currency)}` : null}
        </h3>
        {item.detail ? <p className="timeline__detail">{item.detail}</p> : null}
      </div>
    </li>
  );
}

// The API pages newest first already; sorting again keeps the order right across pages
// even if two kinds interleave at a page boundary.
function newestFirst(items: TimelineItem[]): TimelineItem[] {
  return items
    .map((item, index) => ({ item, index, time: Date.parse(item.at) || 0 }))
    .sort((a, b) => b.time - a.time || a.index - b.index)
    .map(({ item }) => item);
}
