import { type FormEvent, useState } from 'react';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { Badge } from '../../ui/badge.tsx';
import { EmptyState, ErrorMessage } from '../../ui/status.tsx';
import { DeliveryLog } from './delivery-log.tsx';
import './webhooks.css';
import { type Subscription, useCreateSubscription, useEventTypes, useSetSubscriptionActive, useSubscriptions } from './webhooks.api.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { SkeletonRows } from '../../ui/skeleton.tsx';

export function WebhooksPage() {
  const user = useSignedInUser();
  if (user.role !== 'manager' && user.role !== 'admin') {
    return (
      <>
        <title>Webhooks · Afterclose</title>
        <h1>Webhooks</h1>
        <p className="status">Only managers and admins can connect Afterclose to other systems with webhooks.</p>
      </>
    );
  }
  return <Subscriptions />;
}

function Subscriptions() {
  const subscriptions = useSubscriptions();
  return (
    <>
      <title>Webhooks · Afterclose</title>
      <PageHeader title="Webhooks" description="Send events to your other systems. Each delivery is signed with the subscription's secret (header X-Afterclose-Signature)." />
      <NewSubscription />
      {subscriptions.isPending ? <SkeletonRows label="Loading subscriptions…" /> : null}
      {subscriptions.isError ? <ErrorMessage error={subscriptions.error} title="Could not load the subscriptions." /> : null}
      {subscriptions.data?.items.length === 0 ? (
        <EmptyState title="No subscriptions yet">Add one above to send events to your other systems.</EmptyState>
      ) : null}
      {subscriptions.data?.items.map((s) => <SubscriptionCard key={s.id} subscription={s} />)}
    </>
  );
}

function SubscriptionCard({ subscription: s }: { subscription: Subscription }) {
  const setActive = useSetSubscriptionActive();
  return (
    <section className="card webhook-card" aria-labelledby={`hook-${s.id}`} data-testid="subscription">
      <h2 id={`hook-${s.id}`} className="webhook-card__title">
        {s.url} {s.active ? <Badge tone="success">Active</Badge> : <Badge tone="danger">Disabled</Badge>}
      </h2>
      <p>Events: {s.event_types.join(', ')}{s.description ? ` · ${s.description}` : ''}</p>
      {s.disabled_reason ? <p role="alert">{s.disabled_reason}</p> : null}
      <button type="button" className="button button--secondary" disabled={setActive.isPending} onClick={() => setActive.mutate({ id: s.id, active: !s.active })}>
        {s.active ? 'Disable' : 'Enable again'}
      </button>
      <h3>Delivery log</h3>
      <DeliveryLog subscriptionId={s.id} />
    </section>
  );
}

function NewSubscription() {
  const eventTypes = useEventTypes();
  const create = useCreateSubscription();
  const [url, setUrl] = useState('');
  const [chosen, setChosen] = useState<string[]>(['order.placed']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ url, event_types: chosen, description: '' });
  };
  return (
    <form className="card webhook-form" onSubmit={submit} aria-labelledby="new-hook">
      <h2 id="new-hook">New subscription</h2>
      <div className="field">
        <label htmlFor="hook-url">Receiver URL</label>
        <input id="hook-url" className="input" type="url" required value={url} onChange={(e) => setUrl(e.target.value)} />
      </div>
      <fieldset className="webhook-form__events">
        <legend>Events</legend>
        {(eventTypes.data?.items ?? []).map((type) => (
          <label key={type} className="checkbox">
            <input type="checkbox" checked={chosen.includes(type)} onChange={(e) => setChosen(e.target.checked ? [...chosen, type] : chosen.filter((c) => c !== type))} />
            {type}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button" disabled={create.isPending || chosen.length === 0}>Add subscription</button>
      {create.isError ? <ErrorMessage error={create.error} title="Could not add it." /> : null}
      {create.data ? (
        <p role="status">
          Added. Its signing secret, shown only now: <code data-testid="webhook-secret">{create.data.secret}</code>
        </p>
      ) : null}
    </form>
  );
}
