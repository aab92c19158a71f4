import { useSearchParams } from 'react-router-dom';
import { LoadMoreButton } from '../../ui/load-more-button.tsx';
import { EmptyState, ErrorMessage } from '../../ui/status.tsx';
import { ExportButton } from '../exports/export-button.tsx';
import { AccountSearch } from './account-search.tsx';
import { AccountsTable } from './accounts-table.tsx';
import { useAccountList } from './accounts.api.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { SkeletonRows } from '../../ui/skeleton.tsx';

export function AccountsPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const list = useAccountList(q);

  // Replace, not push: every keystroke pause should not become a history entry.
  const applySearch = (next: string) => {
    if (next !== q) setParams(next ? { q: next } : {}, { replace: true });
  };

  const accounts = list.data?.pages.flatMap((page) => page.items) ?? [];
  const searching = list.isPlaceholderData && list.isFetching;

  return (
    <>
      <title>Accounts · Afterclose</title>
      <PageHeader
        title="Accounts"
        live
        description={list.isSuccess ? resultSummary(accounts.length, list.hasNextPage, q) : null}
        actions={
          <>
            <AccountSearch value={q} onSearch={applySearch} />
            <ExportButton list="accounts" filters={{ q: q || undefined }} label={q ? 'Export these accounts' : 'Export accounts'} />
          </>
        }
      />

      {list.isPending ? <SkeletonRows label="Loading accounts…" /> : null}
      {list.isError ? <ErrorMessage error={list.error} title="Could not load accounts." /> : null}
      {list.isSuccess && accounts.length === 0 ? (
        q ? (
          <EmptyState title={`No accounts match “${q}”`}>Check the spelling, or search by email or tag.</EmptyState>
        ) : (
          <EmptyState title="No accounts yet">Import your customers from a CSV file, or add them as they buy.</EmptyState>
        )
      ) : null}
      {accounts.length > 0 ? (
        <div className={searching ? 'is-refreshing' : undefined} aria-busy={searching}>
          <AccountsTable accounts={accounts} />
        </div>
      ) : null}

      <LoadMoreButton
        hasMore={list.isSuccess && list.hasNextPage && !searching}
        loading={list.isFetchingNextPage}
        onLoadMore={() => list.fetchNextPage()}
      />
    </>
  );
}

function resultSummary(count: number, hasMore: boolean, q: string): string {
  const shown = `${count}${hasMore ? '+' : ''} ${count === 1 && !hasMore ? 'account' : 'accounts'}`;
  return q ? `${shown} matching “${q}”` : shown;
}
