import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { OutboxMessageView } from '../../../../src/modules/messages/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { apiRequest, type Page, withQuery } from '../../api.ts';
import { everyServerValue } from '../../server-values.ts';
import type { BadgeTone } from '../../ui/badge.tsx';

export type MessageStatus = OutboxMessage['status'];
export const messageStatuses = everyServerValue<MessageStatus>()(['queued', 'sending', 'sent', 'failed', 'suppressed']);

/** A message as the server answers it: the type comes from the outbox query itself. */
export type OutboxMessage = Jsonified<OutboxMessageView>;

export const statusLabels: Record<MessageStatus, string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  suppressed: 'Suppressed',
};

export const statusTones: Record<MessageStatus, BadgeTone> = {
  queued: 'neutral',
  sending: 'info',
  sent: 'success',
  failed: 'danger',
  suppressed: 'warning',
};

const PAGE_SIZE = 50;

export function useOutbox(status: MessageStatus | '') {
  return useInfiniteQuery({
    queryKey: ['messages', 'list', { status }] as const,
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<OutboxMessage>>(withQuery('/api/v1/messages', { status, limit: PAGE_SIZE, cursor: pageParam }), { signal }),
    initialPageParam: '',
    getNextPageParam: (lastPage) => lastPage.next,
    placeholderData: keepPreviousData,
  });
}
