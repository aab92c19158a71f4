import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { LoadMoreButton } from '../../ui/load-more-button.tsx';
import { ModalDialog } from '../../ui/modal-dialog.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { SkeletonRows } from '../../ui/skeleton.tsx';
import { EmptyState, ErrorMessage } from '../../ui/status.tsx';
import { ExportButton } from '../exports/export-button.tsx';
import { AccountFiltersBar } from './account-filters.tsx';
import { AccountForm } from './account-form.tsx';
import { AccountSearch } from './account-search.tsx';
import { accountPath, AccountsTable } from './accounts-table.tsx';
import { type AccountFilters, type AccountSort, type HealthBand, type Segment, useAccountList, useCreateAccount } from './accounts.api.ts';
import './accounts.css';

const filterNames = ['q', 'sort', 'owner_id', 'segment', 'health', 'tag', 'no_next_touch'] as const;

// The URL holds the filters, so a filtered list can be bookmarked, shared and reached with Back.
function filtersFrom(params: URLSearchParams): AccountFilters {
  const get = (name: string) => params.get(name) || undefined;
  return {
    q: get('q'),
    sort: get('sort') as AccountSort | undefined,
    owner_id: get('owner_id'),
    segment: get('segment') as Segment | undefined,
    health: get('health') as HealthBand | undefined,
    tag: get('tag'),
    no_next_touch: params.get('no_next_touch') === 'true' || undefined,
  };
}

export function AccountsPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const filters = filtersFrom(params);
  const list = useAccountList(filters);
  const create = useCreateAccount();
  const [creating, setCreating] = useState(false);

  // Replace, not push: every keystroke pause should not become a history entry.
  const applyFilters = (next: AccountFilters) => {
    const entries = filterNames.flatMap((name) => {
      const value = next[name];
      return value === undefined || value === '' || value === false ? [] : [[name, String(value)]];
    });
    setParams(Object.fromEntries(entries), { replace: true });
  };

  const accounts = list.data?.pages.flatMap((page) => page.items) ?? [];
  const firstPage = list.data?.pages[0];
  const searching = list.isPlaceholderData && list.isFetching;
  const filtered = filterNames.some((name) => name !== 'sort' && filters[name] !== undefined);

  return (
    <>
      <title>Accounts · Afterclose</title>
      <PageHeader
        title="Accounts"
        live
        description={<span data-testid="accounts-total">{firstPage ? resultSummary(firstPage, filters.q ?? '', filtered) : null}</span>}
        actions={
          <>
            <AccountSearch value={filters.q ?? ''} onSearch={(q) => q !== (filters.q ?? '') && applyFilters({ ...filters, q: q || undefined })} />
            <ExportButton list="accounts" filters={{ ...filters, no_next_touch: filters.no_next_touch ? 'true' : undefined }} label={filtered ? 'Export these accounts' : 'Export accounts'} />
            <button type="button" className="button" onClick={() => setCreating(true)}>
              New account
            </button>
          </>
        }
      />
      <AccountFiltersBar filters={filters} onChange={applyFilters} />

      {list.isPending ? <SkeletonRows label="Loading accounts…" /> : null}
      {list.isError ? <ErrorMessage error={list.error} title="Could not load accounts." /> : null}
      {list.isSuccess && accounts.length === 0 ? (
        filtered ? (
          <EmptyState title="No accounts match these filters">Clear a filter or check the spelling; search finds names, emails, phones, tags and order numbers.</EmptyState>
        ) : (
          <EmptyState title="No accounts yet">Create the first with “New account”, or import your customers from a CSV file.</EmptyState>
        )
      ) : null}
      {accounts.length > 0 ? (
        <div className={searching ? 'is-refreshing' : undefined} aria-busy={searching}>
          <AccountsTable accounts={accounts} />
        </div>
      ) : null}

      <LoadMoreButton hasMore={list.isSuccess && list.hasNextPage && !searching} loading={list.isFetchingNextPage} onLoadMore={() => list.fetchNextPage()} />

      <ModalDialog title="New account" open={creating} onClose={() => setCreating(false)}>
        <AccountForm
          account={null}
          pending={create.isPending}
          error={create.error}
          submitLabel="Create account"
          onCancel={() => setCreating(false)}
          onSubmit={(body) => create.mutate(body, { onSuccess: (account) => navigate(accountPath(account.id)) })}
        />
      </ModalDialog>
    </>
  );
}

/** A search counts up to 5,000 matches; beyond, the server says how many it counted, not exactly. */
function resultSummary({ total, total_exact }: { total: number; total_exact: boolean }, q: string, filtered: boolean): string {
  const shown = `${total_exact ? '' : 'More than '}${total.toLocaleString()} ${total === 1 ? 'account' : 'accounts'}`;
  if (q) return `${shown} matching “${q}”`;
  return filtered ? `${shown} ${total === 1 ? 'matches' : 'match'} these filters` : shown;
}
