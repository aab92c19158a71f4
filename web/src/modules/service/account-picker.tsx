import { type KeyboardEvent, useId, useState } from 'react';
import { useDebouncedCallback } from '../../ui/use-debounced-callback.ts';
import { useAccountList } from '../accounts/accounts.api.ts';

export type PickedAccount = { id: string; name: string };

type AccountPickerProps = {
  value: PickedAccount | null;
  onChange: (account: PickedAccount | null) => void;
};

const SEARCH_DELAY_MS = 300;

/** A search box that narrows a plain select: keyboard and screen-reader friendly without a combobox widget. */
export function AccountPicker({ value, onChange }: AccountPickerProps) {
  const searchId = useId();
  const selectId = useId();
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  const search = useDebouncedCallback((next: string) => setQ(next.trim()), SEARCH_DELAY_MS);
  const list = useAccountList({ q });
  const found = list.data?.pages[0]?.items ?? [];
  // The chosen account stays an option while the search moves on to other names.
  const options: PickedAccount[] = value && !found.some((a) => a.id === value.id) ? [value, ...found] : found;

  // Enter in the search box means "search now", not "submit the issue".
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    search.flush(input);
  };

  return (
    <div className="form-row form-row--fields">
      <div className="field">
        <label htmlFor={searchId}>Find the account</label>
        <input
          id={searchId}
          className="input"
          type="search"
          autoComplete="off"
          maxLength={200}
          placeholder="Name, email, tag…"
          value={input}
          onKeyDown={onKeyDown}
          onChange={(e) => {
            setInput(e.target.value);
            search.run(e.target.value);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={selectId}>Account</label>
        <select
          id={selectId}
          className="input"
          required
          aria-busy={list.isFetching}
          value={value?.id ?? ''}
          onChange={(e) => onChange(options.find((a) => a.id === e.target.value) ?? null)}
        >
          <option value="">{list.isPending ? 'Loading accounts…' : options.length === 0 ? 'No matching accounts' : 'Choose an account'}</option>
          {options.map((account) => (
            <option key={account.id} value={account.id}>
              {account.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
