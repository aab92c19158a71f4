import { type FormEvent, useId, useState } from 'react';
import { formatDay } from '../../ui/format.ts';
import { ErrorMessage } from '../../ui/status.tsx';
import { useSetExpectedShipping } from './fulfilment.api.ts';

const todayHere = () => new Date().toLocaleDateString('en-CA');

type Props = { orderId: string; orderNumber: string; expectedShipOn: string | null };

/**
 * "When will it ship now?" for an order past its promise: the day goes into the delay note the
 * customer receives, so they hear a date before they have to ask.
 */
export function ExpectedShippingForm({ orderId, orderNumber, expectedShipOn }: Props) {
  const id = useId();
  const set = useSetExpectedShipping(orderId);
  const [day, setDay] = useState(expectedShipOn ?? '');
  const [saved, setSaved] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    set.mutate(day || null, { onSuccess: (order) => setSaved(order.expected_ship_on ? `Now expected ${formatDay(order.expected_ship_on)}.` : 'No date given.') });
  };
  return (
    <form className="expected-shipping" onSubmit={submit} noValidate>
      <label htmlFor={id}>Order {orderNumber} now ships by</label>
      <input id={id} className="input" type="date" min={todayHere()} value={day} onChange={(e) => { setDay(e.target.value); setSaved(null); }} />
      <button type="submit" className="button button--secondary button--small" disabled={set.isPending}>
        Save date
      </button>
      <span role="status" className="muted">{saved}</span>
      {set.isError ? <ErrorMessage error={set.error} title="The date was not saved." /> : null}
    </form>
  );
}
