import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api.ts';
import { ErrorMessage, Loading } from '../../ui/status.tsx';
import { AccountScorePanel } from '../analytics/account-score-panel.tsx';
import { AccountDeals } from '../deals/account-deals.tsx';
import { AccountGoals } from '../goals/account-goals.tsx';
import { AccountOrders } from '../orders/account-orders.tsx';
import { AccountIssues } from '../service/account-issues.tsx';
import { AskCustomerPanel } from '../surveys/ask-customer-panel.tsx';
import { AccountActivity } from './account-activity.tsx';
import { AccountHeader } from './account-header.tsx';
import { AccountTimeline } from './account-timeline.tsx';
import { useAccount } from './accounts.api.ts';
import { ContactList } from './contact-list.tsx';
import './accounts.css';

export function AccountPage() {
  const { id = '' } = useParams();
  const account = useAccount(id);

  if (account.isPending) {
    return (
      <>
        <h1 className="sr-only">Account</h1>
        <Loading>Loading account…</Loading>
      </>
    );
  }

  if (account.isError) {
    // A malformed id fails validation (400 on `id`) before any lookup: to a reader that is "not found".
    const error = account.error instanceof ApiError ? account.error : null;
    const notFound = error?.status === 404 || (error?.status === 400 && error.field === 'id');
    return (
      <>
        <title>{`${notFound ? 'Account not found' : 'Account'} · Afterclose`}</title>
        <h1>{notFound ? 'Account not found' : 'Could not load this account'}</h1>
        {notFound ? (
          <p>It may have been deleted or merged into another account.</p>
        ) : (
          <ErrorMessage error={account.error} />
        )}
        <p>
          <Link to="/accounts">Back to accounts</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <title>{`${account.data.name} · Afterclose`}</title>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/accounts">Accounts</Link>
        <span aria-hidden="true"> / </span>
        <span aria-current="page">{account.data.name}</span>
      </nav>
      <AccountHeader account={account.data} />
      <div className="account-layout">
        <div className="account-layout__main">
          <AccountActivity account={account.data} />
          <AccountTimeline accountId={id} />
        </div>
        <div className="account-layout__side">
          <AccountScorePanel accountId={id} />
          <AccountDeals accountId={id} />
          <AccountOrders accountId={id} />
          <AccountIssues accountId={id} contacts={account.data.contacts} />
          <AskCustomerPanel accountId={id} contacts={account.data.contacts} />
          <AccountGoals accountId={id} />
          <ContactList contacts={account.data.contacts} accountId={id} />
        </div>
      </div>
    </>
  );
}
