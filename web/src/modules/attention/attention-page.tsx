import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { LoadMoreButton } from '../../ui/load-more-button.tsx';
import { EmptyState, ErrorMessage } from '../../ui/status.tsx';
import { useTeam } from '../me/me.api.ts';
import { AttentionTable } from './attention-table.tsx';
import { attentionDays, canSeeAttention, useAttention, useSnoozeAccount } from './attention.api.ts';
import './attention.css';
import { PageHeader } from '../../ui/page-header.tsx';
import { SkeletonRows } from '../../ui/skeleton.tsx';

const DEFAULT_DAYS = 60;

export function AttentionPage() {
  const user = useSignedInUser();
  const allowed = canSeeAttention(user.role);
  const [params, setParams] = useSearchParams();
  const daysInUrl = attentionDays.find((d) => String(d) === params.get('days')) ?? DEFAULT_DAYS;
  const ownerInUrl = params.get('owner') ?? '';
  // Local state answers a change at once; router navigations run as transitions, and a controlled
  // select waiting on one would flip back until it commits.
  const [days, setDays] = useState<number>(daysInUrl);
  const [ownerId, setOwnerId] = useState(ownerInUrl);
  useEffect(() => setDays(daysInUrl), [daysInUrl]);
  useEffect(() => setOwnerId(ownerInUrl), [ownerInUrl]);
  const list = useAttention({ days, ownerId }, allowed);
  const team = useTeam();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusAfterSnooze = useRef<string[] | null>(null);
  const gaps = list.data?.pages.flatMap((page) => page.items) ?? [];
  const snooze = useSnoozeAccount((accountId) => {
    const ids = gaps.map((gap) => gap.account_id);
    const at = ids.indexOf(accountId);
    focusAfterSnooze.current = [ids[at + 1], ids[at - 1]].filter((id): id is string => id !== undefined);
  });

  // The snoozed row is gone: keep the keyboard where it was, on the neighbouring row's button.
  useEffect(() => {
    const candidates = focusAfterSnooze.current;
    if (!candidates || !list.data) return;
    focusAfterSnooze.current = null;
    for (const id of candidates) {
      const button = document.querySelector<HTMLElement>(`[data-account-id="${CSS.escape(id)}"] [data-action="snooze"]`);
      if (button) return button.focus();
    }
    headingRef.current?.focus();
  }, [list.data]);

  const setFilter = (key: 'days' | 'owner', value: string) => {
    if (key === 'days') setDays(Number(value));
    else setOwnerId(value);
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  if (!allowed) {
    return (
      <>
        <title>Attention gaps · Afterclose</title>
        <h1>Attention gaps</h1>
        <p className="status">Only managers and admins can see attention gaps across the team.</p>
      </>
    );
  }

  const refreshing = list.isPlaceholderData && list.isFetching;
  return (
    <>
      <title>Attention gaps · Afterclose</title>
      <PageHeader title="Attention gaps" headingRef={headingRef} live description={list.isSuccess ? `${gaps.length}${list.hasNextPage ? '+' : ''} ${gaps.length === 1 && !list.hasNextPage ? 'customer' : 'customers'} with no touch in ${days} days or nothing planned` : null} actions={<div className="attention-filters">
          <div className="field">
            <label htmlFor="attention-days">No touch for</label>
            <select id="attention-days" className="input attention-select" value={days} onChange={(e) => setFilter('days', e.target.value)}>
              {attentionDays.map((d) => (
                <option key={d} value={d}>
                  {d} days
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="attention-owner">Owner</label>
            <select id="attention-owner" className="input attention-select" value={ownerId} onChange={(e) => setFilter('owner', e.target.value)}>
              <option value="">Everyone</option>
              {(team.data ?? []).map((member) => (
                <option key={member.id} value={member.id}>
                  {member.name}
                </option>
              ))}
            </select>
          </div>
        </div>} />
      {snooze.isError ? <ErrorMessage error={snooze.error} title="Could not snooze." /> : null}
      {list.isPending ? <SkeletonRows label="Loading attention gaps…" /> : null}
      {list.isError ? <ErrorMessage error={list.error} title="Could not load attention gaps." /> : null}
      {list.isSuccess && gaps.length === 0 ? (
        <EmptyState title="Nobody needs attention">Every customer has a recent touch and a next one planned.</EmptyState>
      ) : null}
      {gaps.length > 0 ? (
        <div className={refreshing ? 'is-refreshing' : undefined} aria-busy={refreshing}>
          <AttentionTable
            gaps={gaps}
            days={days}
            snoozingId={snooze.isPending ? snooze.variables : null}
            onSnooze={(accountId) => {
              if (!snooze.isPending) snooze.mutate(accountId);
            }}
          />
        </div>
      ) : null}
      <LoadMoreButton hasMore={list.isSuccess && list.hasNextPage && !refreshing} loading={list.isFetchingNextPage} onLoadMore={() => list.fetchNextPage()} />
    </>
  );
}
