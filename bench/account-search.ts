import { sql } from 'kysely';
import { listAccounts } from '../src/modules/accounts/index.ts';
import type { Db } from '../src/platform/db.ts';
import { formatMs, type Latency, measureLatency } from './measure.ts';
import type { Random } from './random.ts';

export type SearchKind = 'name' | 'email' | 'phone' | 'tag' | 'order number' | 'two letters';
export type SearchLatency = { overall: Latency; byKind: Record<SearchKind, Latency> };

/** What people type into the account search box, taken from the generated rows themselves. */
async function searchTerms(db: Db): Promise<Record<SearchKind, string[]>> {
  // 2% of the pages of a large business; all of a small one, whose few pages (one per shard on
  // Citus) a 2% sample would often miss entirely.
  const { rows: counted } = await sql<{ accounts: number }>`select count(*)::int as accounts from accounts`.execute(db);
  const percent = Math.min(100, Math.max(2, (400 * 100) / Math.max(1, counted[0]?.accounts ?? 0)));
  const { rows } = await sql<{ name: string; email: string | null; phone: string | null; number: string | null; tags: string[] }>`
    select a.name, c.email, c.phone, o.number, a.tags
    from accounts a tablesample system (${percent})
    left join lateral (select email, phone from contacts where account_id = a.id limit 1) c on true
    left join lateral (select number from orders where account_id = a.id limit 1) o on true
    limit 200`.execute(db);
  const words = (name: string) => name.split(/\s+/).filter((w) => w.length >= 4);
  return {
    name: rows.flatMap((r) => words(r.name).slice(0, 1)),
    email: rows.flatMap((r) => (r.email ? [r.email.split('@')[0] ?? r.email] : [])),
    phone: rows.flatMap((r) => (r.phone ? [r.phone.replace(/\D/g, '').slice(-7)] : [])),
    tag: rows.flatMap((r) => r.tags.slice(0, 1)),
    'order number': rows.flatMap((r) => (r.number ? [r.number.slice(-6)] : [])),
    'two letters': rows.map((r) => r.name.slice(1, 3)),
  };
}

/** p50/p99 of the first page (50 accounts) of a search, per kind of search and over all of them. */
export async function benchAccountSearch(db: Db, rng: Random, runsPerKind: number): Promise<SearchLatency> {
  const terms = await searchTerms(db);
  const kinds = Object.keys(terms) as SearchKind[];
  const byKind = {} as Record<SearchKind, Latency>;
  for (const kind of kinds) {
    const pool = terms[kind];
    if (pool.length === 0) throw new Error(`The generated business has no ${kind} to search for`);
    byKind[kind] = await measureLatency(() => listAccounts(db, { q: rng.pick(pool), limit: 50 }), 5, runsPerKind);
  }
  const mixed = await measureLatency(() => {
    const pool = terms[rng.pick(kinds)];
    return listAccounts(db, { q: rng.pick(pool), limit: 50 });
  }, 5, runsPerKind * kinds.length);
  return { overall: mixed, byKind };
}

export function searchLines(result: SearchLatency): string[] {
  const line = (label: string, l: Latency) => `   account search, ${label}: p50 ${formatMs(l.p50)} ms, p99 ${formatMs(l.p99)} ms (${l.runs} runs)`;
  return [line('mixed', result.overall), ...Object.entries(result.byKind).map(([kind, l]) => line(kind, l))];
}
