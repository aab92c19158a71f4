import { useSearchParams } from 'react-router-dom';
import { LoadMoreButton } from '../../ui/load-more-button.tsx';
import { EmptyState, ErrorMessage, Loading } from '../../ui/status.tsx';
import { ExportButton } from '../exports/export-button.tsx';
import { AccountSearch } from './account-search.tsx';
import { AccountsTable } from './accounts-table.tsx';
import { useAccountList } from './accounts.api.ts';

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
      <div className="page-header">
        <div>
          <h1>Accounts</h1>
          <p className="page-header__meta" aria-live="polite">
            {list.isSuccess ? resultSummary(accounts.length, list.hasNextPage, q) : null}
          </p>
        </div>
        <div className="page-header__actions">
          <AccountSearch value={q} onSearch={applySearch} />
          <ExportButton list="accounts" filters={{ q: q || undefined }} label={q ? 'Export these accounts' : 'Export accounts'} />
        </div>
      </div>

      {list.isPending ? <Loading>Loading accounts…</Loading> : null}
      {list.isError ? <ErrorMessage error={list.error} title="Could not load accounts." /> : null}
      {list.isSuccess && accounts.length === 0 ? (
        <EmptyState>{q ? `No accounts match “${q}”.` : 'No accounts yet.'}</EmptyState>
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
