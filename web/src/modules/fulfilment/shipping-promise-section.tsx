import { type FormEvent, useState } from 'react';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { ApiError } from '../../api.ts';
import { knownTimeZones } from '../../ui/time-zone.ts';
import { ErrorMessage, Loading } from '../../ui/status.tsx';
import { canEditCompanySettings } from '../auth/permissions.ts';
import { type FulfilmentSettings, useEditFulfilmentSettings, useFulfilmentSettings } from './fulfilment.api.ts';
import { describePromise, OwnPromises } from './own-promises.tsx';
import './fulfilment.css';


/** How fast the business promises to ship: late orders raise a task, then a manager, then a note to the customer. */
export function ShippingPromiseSection() {
  const settings = useFulfilmentSettings();
  const user = useSignedInUser();
  return (
    <section className="card shipping-promise" aria-labelledby="shipping-promise">
      <h2 id="shipping-promise">Shipping promise</h2>
      <p className="muted">
        An order not shipped in time gives its service owner a task, a manager at twice the promise, and the customer a note saying when it will ship. A customer or a product can have a promise of
        its own.
      </p>
      {settings.isPending ? <Loading>Loading the shipping promise…</Loading> : null}
      {settings.isError ? <ErrorMessage error={settings.error} /> : null}
      {settings.data ? (
        canEditCompanySettings(user.role) ? (
          <PromiseForm settings={settings.data} />
        ) : (
          <p data-testid="shipping-promise">
            Orders ship {describePromise(settings.data.promise_working_days)}, counted in {settings.data.time_zone}.
          </p>
        )
      ) : null}
      {settings.data ? <OwnPromises settings={settings.data} editable={canEditCompanySettings(user.role)} /> : null}
    </section>
  );
}

function PromiseForm({ settings }: { settings: FulfilmentSettings }) {
  const edit = useEditFulfilmentSettings();
  const [days, setDays] = useState(String(settings.promise_working_days));
  const [zone, setZone] = useState(settings.time_zone);
  const [saved, setSaved] = useState(false);
  const failedField = edit.error instanceof ApiError ? edit.error.field : undefined;
  const invalid = (field: string) => (failedField === field ? { 'aria-invalid': true, 'aria-describedby': 'shipping-promise-error' } : {});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    edit.mutate({ promise_working_days: Number(days), time_zone: zone }, { onSuccess: () => setSaved(true) });
  };
  return (
    <form className="shipping-promise__form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="promise-days">Ship within (working days; 0 is the same day)</label>
        <input id="promise-days" className="input" type="number" min={0} max={60} step={1} value={days} onChange={(e) => { setDays(e.target.value); setSaved(false); }} {...invalid('promise_working_days')} />
      </div>
      <div className="field">
        <label htmlFor="promise-zone">Working days are counted in</label>
        <select id="promise-zone" className="input" value={zone} onChange={(e) => { setZone(e.target.value); setSaved(false); }} {...invalid('time_zone')}>
          {[...new Set([zone, ...knownTimeZones()])].map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </div>
      <div className="shipping-promise__actions">
        <button type="submit" className="button" disabled={edit.isPending}>
          Save shipping promise
        </button>
        {saved ? <span role="status">Saved. Orders placed from now on ship {describePromise(Number(days))}.</span> : null}
      </div>
      {edit.isError ? (
        <div id="shipping-promise-error">
          <ErrorMessage error={edit.error} title="The shipping promise was not saved." />
        </div>
      ) : null}
    </form>
  );
}
