import { type FormEvent, useEffect, useState } from 'react';
import { useDebouncedCallback } from '../../ui/use-debounced-callback.ts';
import { useTeam } from '../me/me.api.ts';
import {
  type AccountFilters,
  type AccountSort,
  type HealthBand,
  healthBandLabels,
  type Segment,
  segmentLabels,
  sortLabels,
} from './accounts.api.ts';

/** As long as the search box waits: a pause in typing, not every key, changes the list. */
const TAG_DELAY_MS = 300;

type AccountFiltersBarProps = { filters: AccountFilters; onChange: (filters: AccountFilters) => void };

/** Sort and filters of the account list; each change applies at once, the tag as typing pauses (as the search box does). */
export function AccountFiltersBar({ filters, onChange }: AccountFiltersBarProps) {
  const team = useTeam().data ?? [];
  const [tag, setTag] = useState(filters.tag ?? '');
  // The filters live in the URL, which the router updates in a transition: a checkbox bound to them
  // alone would spring back until that render lands (seconds on a busy machine). Its own state moves
  // at once, and follows the URL when that changes (back button, a shared link).
  const [noNextTouch, setNoNextTouch] = useState(filters.no_next_touch ?? false);
  useEffect(() => setNoNextTouch(filters.no_next_touch ?? false), [filters.no_next_touch]);
  const set = (patch: AccountFilters) => onChange({ ...filters, ...patch });
  const applyTag = (event?: FormEvent) => {
    event?.preventDefault();
    typedTag.flush(tag);
  };
  const typedTag = useDebouncedCallback((next: string) => {
    if ((filters.tag ?? '') !== next.trim()) set({ tag: next.trim() || undefined });
  }, TAG_DELAY_MS);
  return (
    <form className="filters-bar" aria-label="Sort and filter accounts" onSubmit={applyTag}>
      <div className="field">
        <label htmlFor="accounts-sort">Sort by</label>
        <select id="accounts-sort" className="input" value={filters.sort ?? 'name'} onChange={(e) => set({ sort: e.target.value as AccountSort })}>
          {(Object.keys(sortLabels) as AccountSort[]).map((sort) => (
            <option key={sort} value={sort}>
              {sortLabels[sort]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="accounts-owner">Owner</label>
        <select id="accounts-owner" className="input" value={filters.owner_id ?? ''} onChange={(e) => set({ owner_id: e.target.value || undefined })}>
          <option value="">Anyone</option>
          {team.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="accounts-segment">Segment</label>
        <select id="accounts-segment" className="input" value={filters.segment ?? ''} onChange={(e) => set({ segment: (e.target.value || undefined) as Segment | undefined })}>
          <option value="">Any segment</option>
          {(Object.keys(segmentLabels) as Segment[]).map((segment) => (
            <option key={segment} value={segment}>
              {segmentLabels[segment]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="accounts-health">Health</label>
        <select id="accounts-health" className="input" value={filters.health ?? ''} onChange={(e) => set({ health: (e.target.value || undefined) as HealthBand | undefined })}>
          <option value="">Any health</option>
          {(Object.keys(healthBandLabels) as HealthBand[]).map((band) => (
            <option key={band} value={band}>
              {healthBandLabels[band]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="accounts-tag">Tag</label>
        <input
          id="accounts-tag"
          className="input"
          value={tag}
          maxLength={60}
          placeholder="Any tag"
          onChange={(e) => {
            setTag(e.target.value);
            typedTag.run(e.target.value);
          }}
          onBlur={() => applyTag()}
        />
      </div>
      <label className="checkbox filters-bar__check">
        <input
          type="checkbox"
          checked={noNextTouch}
          onChange={(e) => {
            setNoNextTouch(e.target.checked);
            set({ no_next_touch: e.target.checked || undefined });
          }}
        />
        No next touch planned
      </label>
    </form>
  );
}
