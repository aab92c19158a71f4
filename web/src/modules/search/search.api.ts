import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SearchResults as ServerSearchResults } from '../../../../src/modules/search/index.ts';
import type { Jsonified } from '../../../../src/platform/json-types.ts';
import { apiRequest, withQuery } from '../../api.ts';
import { formatDate, humanize } from '../../ui/format.ts';

// The server's own type, as JSON: it cannot drift from what the API answers.
export type SearchResults = Jsonified<ServerSearchResults>;

const PER_GROUP = 5;

export function useGlobalSearch(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: ['search', text] as const,
    queryFn: ({ signal }) => apiRequest<SearchResults>(withQuery('/api/v1/search', { q: text, limit: PER_GROUP }), { signal }),
    enabled: text.length > 0,
    // Keep the last answer on screen while the next one runs, instead of flashing empty.
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** One line of the results: what it is, where it opens, and a second line that tells similar ones apart. */
export type SearchHit = { key: string; label: string; detail: string; to: string };
export type SearchGroup = { id: string; title: string; hits: SearchHit[] };

const accountPage = (id: string) => `/accounts/${encodeURIComponent(id)}`;

/** The answer as the dialog lists it: groups in a fixed order, empty ones left out. */
export function searchGroups(results: SearchResults): SearchGroup[] {
  const groups: SearchGroup[] = [
    {
      id: 'accounts',
      title: 'Accounts',
      hits: results.accounts.map((a) => ({ key: `account-${a.id}`, label: a.name, detail: a.tags.join(', '), to: accountPage(a.id) })),
    },
    {
      id: 'contacts',
      title: 'Contacts',
      hits: results.contacts.map((c) => ({
        key: `contact-${c.id}`,
        label: c.name,
        detail: [c.email, c.phone, c.account_name].filter(Boolean).join(' · '),
        to: accountPage(c.account_id),
      })),
    },
    {
      id: 'deals',
      title: 'Deals',
      hits: results.deals.map((d) => ({ key: `deal-${d.id}`, label: d.title, detail: `${d.account_name} · ${dealState(d)}`, to: accountPage(d.account_id) })),
    },
    {
      id: 'orders',
      title: 'Orders',
      hits: results.orders.map((o) => ({
        key: `order-${o.id}`,
        label: `Order ${o.number}`,
        detail: `${o.account_name} · ${formatDate(o.placed_at)}`,
        to: accountPage(o.account_id),
      })),
    },
    {
      id: 'issues',
      title: 'Issues',
      hits: results.issues.map((i) => ({
        key: `issue-${i.id}`,
        label: i.title,
        detail: `${i.account_name} · ${humanize(i.status)}`,
        to: `/service/issues/${encodeURIComponent(i.id)}`,
      })),
    },
  ];
  return groups.filter((g) => g.hits.length > 0);
}

function dealState(deal: SearchResults['deals'][number]): string {
  return deal.status === 'open' ? `Open deal, ${humanize(deal.stage).toLowerCase()}` : `${humanize(deal.status)} deal`;
}
