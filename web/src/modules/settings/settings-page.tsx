import type { CalendarFeedStatusView, NewCalendarFeedView } from '../../../../src/modules/calendar/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../api.ts';
import '../webhooks/webhooks.css';
import { ErrorMessage, Loading } from '../../ui/status.tsx';
import { CompanySettingsSection } from './company-settings-section.tsx';
import { ExportsPanel } from './exports-panel.tsx';
import { ShippingPromiseSection } from '../fulfilment/shipping-promise-section.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { formatDate } from '../../ui/format.ts';

// The calendar link's answers, as JSON: typed by the server's own functions.
type FeedStatus = Jsonified<CalendarFeedStatusView>;
type NewFeed = Jsonified<NewCalendarFeedView>;

/** Settings: the company behind emails and public pages, the user's secret calendar link, exports. */
export function SettingsPage() {
  const client = useQueryClient();
  const status = useQuery({ queryKey: ['me', 'calendar-feed'], queryFn: ({ signal }) => apiRequest<FeedStatus>('/api/v1/me/calendar-feed', { signal }) });
  const refresh = () => client.invalidateQueries({ queryKey: ['me', 'calendar-feed'] });
  const create = useMutation({ mutationFn: () => apiRequest<NewFeed>('/api/v1/me/calendar-feed', { method: 'POST' }), onSuccess: refresh });
  const revoke = useMutation({ mutationFn: () => apiRequest<undefined>('/api/v1/me/calendar-feed', { method: 'DELETE' }), onSuccess: () => { create.reset(); return refresh(); } });
  return (
    <>
      <title>Settings · Afterclose</title>
      <PageHeader title="Settings" description="Your company's details and shipping promise, your calendar link and the data you can take out of Afterclose." />
      <div className="page-sections">
      <CompanySettingsSection />
      <ShippingPromiseSection />
      <section className="card settings-calendar" aria-labelledby="calendar-feed">
        <h2 id="calendar-feed">Calendar feed</h2>
        <p>Subscribe to this link in Google Calendar, Outlook or Apple Calendar to see your planned calls, meetings and check-ins there.</p>
        {status.isPending ? <Loading>Loading…</Loading> : null}
        {status.isError ? <ErrorMessage error={status.error} /> : null}
        {status.data ? (
          <p data-testid="calendar-status">
            {status.data.active && status.data.created_at ? `A link is active since ${formatDate(status.data.created_at)}.` : 'No link is active.'}
          </p>
        ) : null}
        {create.data ? (
          <div className="field">
            <label htmlFor="calendar-url">Your calendar link (shown only now; keep it secret)</label>
            <input id="calendar-url" className="input" readOnly value={create.data.url} onFocus={(e) => e.target.select()} />
          </div>
        ) : null}
        <div className="settings-calendar__actions">
          <button type="button" className="button" disabled={create.isPending} onClick={() => create.mutate()}>
            {status.data?.active ? 'Make a new link (the old one stops working)' : 'Create calendar link'}
          </button>
          {status.data?.active ? (
            <button type="button" className="button button--secondary" disabled={revoke.isPending} onClick={() => revoke.mutate()}>
              Revoke link
            </button>
          ) : null}
        </div>
        {create.isError ? <ErrorMessage error={create.error} /> : null}
      </section>
      <ExportsPanel />
      </div>
    </>
  );
}
