import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api.ts';
import { useSignedInUser } from '../../app/signed-in-user.ts';
import { canAssignAnyOwner, managersOnly } from '../auth/permissions.ts';
import { useTeam } from '../me/me.api.ts';
import { type Account, type AccountInput, type Lifecycle, lifecycleLabels } from './accounts.api.ts';
import { addressOf, type PostalAddress, withAddress } from './postal-address.ts';
import { TagInput } from './tag-input.tsx';

type AccountFormProps = {
  /** The account being edited, or null for a new one. */
  account: Account | null;
  pending: boolean;
  error: Error | null;
  submitLabel: string;
  onSubmit: (body: AccountInput) => void;
  onCancel: () => void;
};

// A new account's service owner may be left to the server, which picks the least-loaded service user for a customer.
const AUTOMATIC = 'automatic';

export function AccountForm({ account, pending, error, submitLabel, onSubmit, onCancel }: AccountFormProps) {
  const me = useSignedInUser();
  const team = useTeam().data ?? [];
  const [name, setName] = useState(account?.name ?? '');
  const [kind, setKind] = useState<AccountInput['kind']>(account?.kind ?? 'company');
  const [lifecycle, setLifecycle] = useState<Lifecycle>(account?.lifecycle ?? 'prospect');
  const [ownerId, setOwnerId] = useState(account ? (account.owner_id ?? '') : me.role === 'service' ? '' : me.id);
  const [serviceOwnerId, setServiceOwnerId] = useState(account ? (account.service_owner_id ?? '') : AUTOMATIC);
  const [tags, setTags] = useState(account?.tags ?? []);
  const [interests, setInterests] = useState(account?.interests ?? []);
  const [address, setAddress] = useState<PostalAddress>(addressOf(account?.billing ?? null));
  const [missingName, setMissingName] = useState(false);

  // The server's rule (docs/permissions.md): sales may take an account themselves, only managers give it to someone else.
  const currentOwner = account?.owner_id ?? null;
  const mayPick = (id: string | null) => canAssignAnyOwner(me.role) || id === currentOwner || (me.role === 'sales' && id === me.id);
  const owners = team.filter((user) => mayPick(user.id));
  const apiError = error instanceof ApiError ? error : null;
  const idPrefix = account ? `account-${account.id}` : 'new-account';
  const id = (field: string) => `${idPrefix}-${field}`;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!name.trim()) return setMissingName(true);
    onSubmit({
      name: name.trim(),
      kind,
      lifecycle,
      owner_id: ownerId || null,
      ...(serviceOwnerId === AUTOMATIC ? {} : { service_owner_id: serviceOwnerId || null }),
      tags,
      interests,
      billing: withAddress(account?.billing ?? null, address),
    });
  };
  const setAddressField = (field: keyof PostalAddress) => (value: string) => setAddress({ ...address, [field]: value });

  return (
    <form className="account-form" onSubmit={submit} noValidate>
      {error ? (
        <div className="status status--error" role="alert">
          {apiError?.message ?? 'Something went wrong. Please try again.'}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor={id('name')}>Name</label>
        <input
          id={id('name')}
          className="input"
          value={name}
          maxLength={200}
          required
          aria-invalid={missingName || apiError?.field === 'name'}
          onChange={(e) => {
            setName(e.target.value);
            setMissingName(false);
          }}
        />
        {missingName ? <p className="field__error">Give the account a name.</p> : null}
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor={id('kind')}>Type</label>
          <select id={id('kind')} className="input" value={kind} onChange={(e) => setKind(e.target.value === 'person' ? 'person' : 'company')}>
            <option value="company">Company</option>
            <option value="person">Person</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={id('lifecycle')}>Lifecycle</label>
          <select id={id('lifecycle')} className="input" value={lifecycle} onChange={(e) => setLifecycle(e.target.value as Lifecycle)}>
            {(Object.keys(lifecycleLabels) as Lifecycle[]).map((value) => (
              <option key={value} value={value}>
                {lifecycleLabels[value]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor={id('owner')}>Owner</label>
          <select id={id('owner')} className="input" value={ownerId} aria-invalid={apiError?.field === 'owner_id'} onChange={(e) => setOwnerId(e.target.value)}>
            {mayPick(null) ? <option value="">Unassigned</option> : null}
            {owners.map((user) => (
              <option key={user.id} value={user.id}>
                {user.id === me.id ? `${user.name} (you)` : user.name}
              </option>
            ))}
          </select>
          {canAssignAnyOwner(me.role) ? null : <p className="field__hint">{managersOnly.assignOwner}</p>}
        </div>
        <div className="field">
          <label htmlFor={id('service-owner')}>Service owner</label>
          <select id={id('service-owner')} className="input" value={serviceOwnerId} onChange={(e) => setServiceOwnerId(e.target.value)}>
            {account ? null : <option value={AUTOMATIC}>Choose for me (customers only)</option>}
            <option value="">Unassigned</option>
            {team.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <TagInput id={id('tags')} label="Tags" values={tags} onChange={setTags} />
      <TagInput id={id('interests')} label="Interests" values={interests} onChange={setInterests} />
      <fieldset className="form-fieldset">
        <legend>Postal address</legend>
        <div className="field">
          <label htmlFor={id('street')}>Street and number</label>
          <input id={id('street')} className="input" value={address.street} maxLength={200} onChange={(e) => setAddressField('street')(e.target.value)} />
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor={id('postal-code')}>Postal code</label>
            <input id={id('postal-code')} className="input" value={address.postal_code} maxLength={20} onChange={(e) => setAddressField('postal_code')(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={id('city')}>City</label>
            <input id={id('city')} className="input" value={address.city} maxLength={100} onChange={(e) => setAddressField('city')(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={id('country')}>Country</label>
            <input id={id('country')} className="input" value={address.country} maxLength={100} onChange={(e) => setAddressField('country')(e.target.value)} />
          </div>
        </div>
      </fieldset>
      <div className="form-buttons">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
