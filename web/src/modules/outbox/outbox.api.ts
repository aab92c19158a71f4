import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest, type Page, withQuery } from '../../api.ts';
import type { BadgeTone } from '../../ui/badge.tsx';

export const messageStatuses = ['queued', 'sending', 'sent', 'failed', 'suppressed'] as const;
export type MessageStatus = (typeof messageStatuses)[number];

export type OutboxMessage = {
  id: string;
  account_id: string | null;
  account_name: string | null;
  to_email: string;
  subject: string;
  body_text: string;
  status: MessageStatus;
  send_after: string | null;
  sent_at: string | null;
  attempts: number;
  error: string | null;
  created_at: string;
};

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
