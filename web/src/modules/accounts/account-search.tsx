import { type FormEvent, useEffect, useState } from 'react';
import { useDebouncedCallback } from '../../ui/use-debounced-callback.ts';

type AccountSearchProps = {
  value: string;
  onSearch: (q: string) => void;
};

const SEARCH_DELAY_MS = 300;

export function AccountSearch({ value, onSearch }: AccountSearchProps) {
  const [input, setInput] = useState(value);
  const search = useDebouncedCallback((next: string) => onSearch(next.trim()), SEARCH_DELAY_MS);

  // The applied search also changes from outside (the nav link, back button): follow it.
  useEffect(() => {
    setInput((current) => (current.trim() === value ? current : value));
  }, [value]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    search.flush(input);
  };

  return (
    <search className="account-search">
      <form onSubmit={onSubmit}>
        <label htmlFor="account-search-input" className="field-label">
          Search accounts
        </label>
        <input
          id="account-search-input"
          className="input"
          type="search"
          name="q"
          placeholder="Name, email, tag…"
          autoComplete="off"
          maxLength={200}
          value={input}
          onChange={(event) => {
            setInput(event.target.value);
            search.run(event.target.value);
          }}
        />
      </form>
    </search>
  );
}
