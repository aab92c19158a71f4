import { type FormEvent, useState } from 'react';
import { ErrorMessage } from '../../ui/status.tsx';
import { useProducts } from '../products/products.api.ts';
import { AccountPicker, type PickedAccount } from '../service/account-picker.tsx';
import { type FulfilmentSettings, useSetOwnPromise } from './fulfilment.api.ts';

export const describePromise = (days: number) => (days === 0 ? 'the same working day' : `within ${days} working day${days === 1 ? '' : 's'}`);

type Row = { key: string; name: string; days: number; target: { kind: 'customer' | 'product'; id: string } };

/**
 * Customers with a promise of their own (a key account shipped the same day) and products that take
 * longer (made to order): listed by name, added and removed by managers.
 */
export function OwnPromises({ settings, editable }: { settings: FulfilmentSettings; editable: boolean }) {
  const set = useSetOwnPromise();
  const rows: Row[] = [
    ...settings.customers.map((c) => ({ key: c.account_id, name: c.name, days: c.working_days, target: { kind: 'customer' as const, id: c.account_id } })),
    ...settings.products.map((p) => ({ key: p.product_id, name: p.name, days: p.working_days, target: { kind: 'product' as const, id: p.product_id } })),
  ];
  return (
    <div className="own-promises">
      <h3>Customers and products with their own promise</h3>
      {rows.length === 0 ? <p className="muted">None: every order gets the company's promise.</p> : null}
      {rows.length > 0 ? (
        <ul className="own-promises__list" data-testid="own-promises">
          {rows.map((row) => (
            <li key={row.key}>
              <span>
                <strong>{row.name}</strong> <span className="muted">({row.target.kind})</span> ships {describePromise(row.days)}
              </span>
              {editable ? (
                <button type="button" className="button button--secondary button--small" disabled={set.isPending} onClick={() => set.mutate({ target: row.target, workingDays: null })}>
                  Remove<span className="sr-only"> the promise of {row.name}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {editable ? <AddOwnPromise /> : null}
    </div>
  );
}

function AddOwnPromise() {
  const set = useSetOwnPromise();
  const [kind, setKind] = useState<'customer' | 'product'>('customer');
  const [account, setAccount] = useState<PickedAccount | null>(null);
  const [productId, setProductId] = useState('');
  const [days, setDays] = useState('0');
  const products = useProducts('');
  const targetId = kind === 'customer' ? account?.id : productId;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!targetId) return;
    set.mutate({ target: { kind, id: targetId }, workingDays: Number(days) }, {
      onSuccess: () => {
        setAccount(null);
        setProductId('');
      },
    });
  };
  return (
    <form className="own-promises__form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Give a customer or a product its own promise</legend>
        <div className="field">
          <label htmlFor="own-promise-kind">For</label>
          <select id="own-promise-kind" className="input" value={kind} onChange={(e) => setKind(e.target.value === 'product' ? 'product' : 'customer')}>
            <option value="customer">A customer</option>
            <option value="product">A product</option>
          </select>
        </div>
        {kind === 'customer' ? (
          <AccountPicker value={account} onChange={setAccount} />
        ) : (
          <div className="field">
            <label htmlFor="own-promise-product">Product</label>
            <select id="own-promise-product" className="input" value={productId} onChange={(e) => setProductId(e.target.value)}>
              <option value="">Choose a product</option>
              {(products.data?.items ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="own-promise-days">Ships within (working days; 0 is the same day)</label>
          <input id="own-promise-days" className="input" type="number" min={0} max={60} step={1} value={days} onChange={(e) => setDays(e.target.value)} />
        </div>
        <button type="submit" className="button button--secondary" disabled={!targetId || set.isPending}>
          Add promise
        </button>
        {set.isError ? <ErrorMessage error={set.error} title="The promise was not saved." /> : null}
      </fieldset>
    </form>
  );
}
