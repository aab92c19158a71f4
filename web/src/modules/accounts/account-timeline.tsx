import { Badge, type BadgeTone } from '../../ui/badge.tsx';
import { humanize } from '../../ui/format.ts';
import { LoadMoreButton } from '../../ui/load-more-button.tsx';
import { EmptyState, ErrorMessage } from '../../ui/status.tsx';
import { formatDateTimeInZone, timesInZone, useUserTimeZone } from '../../ui/time-zone.ts';
import { type TimelineItem, type TimelineKind, useAccountTimeline } from './accounts.api.ts';
import { SkeletonRows } from '../../ui/skeleton.tsx';

const kinds: Record<TimelineKind, { label: string; icon: string; tone: BadgeTone }> = {
  touch: { label: 'Touch', icon: '✆', tone: 'info' },
  order: { label: 'Order', icon: '▣', tone: 'success' },
  deal: { label: 'Deal', icon: '◆', tone: 'warning' },
  event: { label: 'Event', icon: '●', tone: 'neutral' },
};

const fallbackKind = { label: 'Activity', icon: '●', tone: 'neutral' } as const;

export function AccountTimeline({ accountId }: { accountId: string }) {
  const timeline = useAccountTimeline(accountId);
  const items = newestFirst(timeline.data?.pages.flatMap((page) => page.items) ?? []);
  const timeZone = useUserTimeZone();

  return (
    <section className="card panel" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      <p className="muted" data-testid="timeline-zone">
        {timesInZone(timeZone)}
      </p>
      {timeline.isPending ? <SkeletonRows label="Loading timeline…" /> : null}
      {timeline.isError ? (
        <ErrorMessage error={timeline.error} title="Could not load the timeline." />
      ) : null}
      {timeline.isSuccess && items.length === 0 ? (
        <EmptyState>Nothing has happened with this account yet.</EmptyState>
      ) : null}
      {items.length > 0 ? (
        <ol className="timeline" data-testid="timeline">
          {items.map((item) => (
            <TimelineEntry key={`${item.kind}:${item.id}`} item={item} timeZone={timeZone} />
          ))}
        </ol>
      ) : null}
      <LoadMoreButton
        hasMore={timeline.hasNextPage}
        loading={timeline.isFetchingNextPage}
        onLoadMore={() => timeline.fetchNextPage()}
      />
    </section>
  );
}

function TimelineEntry({ item, timeZone }: { item: TimelineItem; timeZone: string }) {
  const kind = kinds[item.kind] ?? fallbackKind;
  return (
    <li className={`timeline__item timeline__item--${item.kind}`} data-testid="timeline-item">
      <span className="timeline__icon" aria-hidden="true">
        {kind.icon}
      </span>
      <div className="timeline__body">
        <p className="timeline__meta">
          <Badge tone={kind.tone}>{kind.label}</Badge>
          <time dateTime={item.at}>{formatDateTimeInZone(item.at, timeZone)}</time>
          {item.status ? <span className="muted">· {humanize(item.status)}</span> : null}
        </p>
        <h3 className="timeline__title">{item.title}</h3>
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
