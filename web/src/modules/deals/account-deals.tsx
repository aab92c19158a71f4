import { EmptyState, ErrorMessage, Loading } from '../../ui/status.tsx';
import { DealCard } from './deal-card.tsx';
import { stageLabels, useOpenDealsForAccount } from './deals.api.ts';
import { NewDealButton } from './new-deal-button.tsx';

export function AccountDeals({ accountId }: { accountId: string }) {
  const deals = useOpenDealsForAccount(accountId);
  return (
    <section className="card panel" aria-labelledby="open-deals-heading">
      <div className="panel__header">
        <h2 id="open-deals-heading">Open deals</h2>
        <NewDealButton accountId={accountId} />
      </div>
      {deals.isPending ? <Loading>Loading deals…</Loading> : null}
      {deals.isError ? <ErrorMessage error={deals.error} title="Could not load deals." /> : null}
      {deals.isSuccess && deals.data.length === 0 ? <EmptyState>No open deals. Start one with “New deal”.</EmptyState> : null}
      {deals.isSuccess && deals.data.length > 0 ? (
        <ul className="deal-list" data-testid="account-deals">
          {deals.data.map((deal) => (
            <li key={deal.id}>
              <DealCard deal={deal} showAccount={false} showStage={stageLabels[deal.stage]} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
