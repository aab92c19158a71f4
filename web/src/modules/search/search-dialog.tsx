import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { type SearchHit, searchGroups, useGlobalSearch } from './search.api.ts';
import './search.css';

type SearchDialogProps = { open: boolean; onClose: () => void };

/**
 * The search box over every page: a modal dialog with a combobox and its grouped listbox (WAI-ARIA
 * combobox pattern). Focus stays in the input; arrows move the active result, Enter opens it.
 */
export function SearchDialog({ open, onClose }: SearchDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const navigate = useNavigate();
  const ids = useId();
  const search = useGlobalSearch(query);
  const groups = search.data && query.trim() ? searchGroups(search.data) : [];
  const hits = groups.flatMap((g) => g.hits);
  const optionId = (hit: SearchHit) => `${ids}-${hit.key}`;
  const activeHit = hits[Math.min(active, hits.length - 1)];

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  // Typing fast sends one request when the person pauses, not one per key.
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(text), 150);
    return () => window.clearTimeout(timer);
  }, [text]);

  useEffect(() => {
    if (open && activeHit) document.getElementById(optionId(activeHit))?.scrollIntoView({ block: 'nearest' });
  });

  const openHit = (hit: SearchHit) => {
    onClose();
    setText('');
    setQuery('');
    navigate(hit.to);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (hits.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((at) => (Math.min(at, hits.length - 1) + step + hits.length) % hits.length);
    } else if (event.key === 'Enter' && activeHit) {
      event.preventDefault();
      openHit(activeHit);
    }
  };

  const listId = `${ids}-results`;
  const status = !query.trim()
    ? 'Find accounts, contacts, deals, orders and issues.'
    : search.isError
      ? 'Search failed: try again.'
      : search.isPending
        ? 'Searching…'
        : hits.length === 0
          ? `Nothing found for “${query.trim()}”.`
          : `${hits.length} ${hits.length === 1 ? 'result' : 'results'}: use the arrow keys and Enter to open one.`;

  return (
    <dialog ref={dialogRef} className="search-dialog" aria-label="Search" onClose={onClose} onCancel={onClose}>
      <div className="search-dialog__box">
        <label className="sr-only" htmlFor={`${ids}-input`}>
          Search everything
        </label>
        <input
          id={`${ids}-input`}
          className="input search-dialog__input"
          type="text"
          enterKeyHint="go"
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeHit ? optionId(activeHit) : undefined}
          placeholder="Name, email, phone, deal, order number, issue…"
          autoComplete="off"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <button type="button" className="button button--secondary button--small" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="search-dialog__status" role="status">
        {status}
      </p>
      <div id={listId} role="listbox" aria-label="Search results" className="search-dialog__results">
        {groups.map((group) => (
          // biome-ignore lint/a11y/useSemanticElements: a listbox groups its options with role=group; a fieldset is for form controls
          <div key={group.id} role="group" aria-labelledby={`${ids}-${group.id}`} className="search-group">
            <div id={`${ids}-${group.id}`} role="presentation" className="search-group__title">
              {group.title}
            </div>
            {group.hits.map((hit) => (
              // The input keeps focus and handles keys (aria-activedescendant); a click opens the result too.
              // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard users reach options through the combobox
              <div
                key={hit.key}
                id={optionId(hit)}
                role="option"
                tabIndex={-1}
                aria-selected={hit === activeHit}
                className="search-hit"
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => openHit(hit)}
              >
                <span className="search-hit__label">{hit.label}</span>
                {hit.detail ? <span className="search-hit__detail">{hit.detail}</span> : null}
              </div>
            ))}
          </div>
        ))}
      </div>
      <p className="search-dialog__keys" aria-hidden="true">
        <kbd>↑</kbd> <kbd>↓</kbd> to move · <kbd>Enter</kbd> to open · <kbd>Esc</kbd> to close
      </p>
    </dialog>
  );
}
