import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { LoadMoreButton } from '../../ui/load-more-button.tsx';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { EmptyState, ErrorMessage } from '../../ui/status.tsx';
import { canReadOutbox, managersOnly } from '../auth/permissions.ts';
import { MessagesTable } from './messages-table.tsx';
import { type MessageStatus, messageStatuses, statusLabels, useOutbox } from './outbox.api.ts';
import './outbox.css';
import { PageHeader } from '../../ui/page-header.tsx';
import { SkeletonRows } from '../../ui/skeleton.tsx';

const isStatus = (value: string | null): value is MessageStatus => messageStatuses.some((status) => status === value);

export function OutboxPage() {
  const user = useSignedInUser();
  if (!canReadOutbox(user.role)) {
    return (
      <>
        <title>Outbox · Afterclose</title>
        <h1>Outbox</h1>
        <p className="status">{managersOnly.outbox}</p>
      </>
    );
  }
  return <Outbox />;
}

function Outbox() {
  const [params, setParams] = useSearchParams();
  const requested = params.get('status');
  const statusInUrl: MessageStatus | '' = isStatus(requested) ? requested : '';
  // Local state answers the change at once; the URL (a router transition) follows.
  const [status, setStatusState] = useState(statusInUrl);
  useEffect(() => setStatusState(statusInUrl), [statusInUrl]);
  const list = useOutbox(status);
  const messages = list.data?.pages.flatMap((page) => page.items) ?? [];
  const refreshing = list.isPlaceholderData && list.isFetching;

  const setStatus = (value: string) => {
    setStatusState(isStatus(value) ? value : '');
    setParams(value ? { status: value } : {}, { replace: true });
  };

  return (
    <>
      <title>Outbox · Afterclose</title>
      <PageHeader title="Outbox" live description={list.isSuccess ? summary(messages.length, list.hasNextPage, status) : null} actions={<div className="field outbox-filter">
          <label htmlFor="outbox-status">Status</label>
          <select id="outbox-status" className="input" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">All statuses</option>
            {messageStatuses.map((value) => (
              <option key={value} value={value}>
                {statusLabels[value]}
              </option>
            ))}
          </select>
        </div>} />
      {list.isPending ? <SkeletonRows label="Loading messages…" /> : null}
      {list.isError ? <ErrorMessage error={list.error} title="Could not load the outbox." /> : null}
      {list.isSuccess && messages.length === 0 ? (
        <EmptyState>{status ? `No ${statusLabels[status].toLowerCase()} messages.` : 'No messages yet.'}</EmptyState>
      ) : null}
      {messages.length > 0 ? (
        <div className={refreshing ? 'is-refreshing' : undefined} aria-busy={refreshing}>
          <MessagesTable messages={messages} />
        </div>
      ) : null}
      <LoadMoreButton hasMore={list.isSuccess && list.hasNextPage && !refreshing} loading={list.isFetchingNextPage} onLoadMore={() => list.fetchNextPage()} />
    </>
  );
}

function summary(count: number, hasMore: boolean, status: MessageStatus | ''): string {
  const which = status ? `${statusLabels[status].toLowerCase()} ` : '';
  return `${count}${hasMore ? '+' : ''} ${which}${count === 1 && !hasMore ? 'message' : 'messages'}`;
}
