import { sql } from 'kysely';
import { z } from 'zod';
import { maxUnitPrice } from '../../platform/field-formats.ts';
import { type KindImporter, textArrayLiteral } from './import-kind.ts';
import { cell, reasonOf } from './values.ts';

const productRow = z.object({
  sku: cell.text(64),
  name: cell.text(200),
  price: cell.amount(maxUnitPrice),
  category: cell.text(100).optional(),
  tags: cell.list.optional(),
  launched_at: cell.timestamp.optional(),
  active: cell.boolean.optional(),
});
type ProductRow = z.infer<typeof productRow>;

/** Products keyed by sku. Importing a launch date records no launch: launching is its own action. */
export const productImporter: KindImporter<ProductRow> = {
  parse([row]) {
    const parsed = productRow.safeParse(row?.record);
    if (!parsed.success) return { reason: reasonOf(parsed.error) };
    return { value: parsed.data, key: parsed.data.sku };
  },
  async write({ trx, at }, units) {
    const v = units.map((u) => u.value);
    const { rows } = await sql<{ inserted: number; updated: number }>`
      with input as (
        -- Tags typed here: Citus refuses a cast inside coalesce() of an UPDATE (decision 0028).
        select sku, name, price, category, tags::text[] as tags, launched_at, active from unnest(${v.map((p) => p.sku)}::text[], ${v.map((p) => p.name)}::text[], ${v.map((p) => p.price)}::numeric[],
          ${v.map((p) => p.category ?? null)}::text[], ${v.map((p) => (p.tags ? textArrayLiteral(p.tags) : null))}::text[],
          ${v.map((p) => p.launched_at ?? null)}::timestamptz[], ${v.map((p) => p.active ?? null)}::boolean[])
          as u(sku, name, price, category, tags, launched_at, active)),
      updated as (
        update products p set name = i.name, price = i.price, category = coalesce(i.category, p.category), tags = coalesce(i.tags, p.tags),
          launched_at = coalesce(i.launched_at, p.launched_at), active = coalesce(i.active, p.active)
        from input i
        where p.sku = i.sku and (p.name, p.price, p.category, p.tags, p.launched_at, p.active) is distinct from
          (i.name, i.price, coalesce(i.category, p.category), coalesce(i.tags, p.tags), coalesce(i.launched_at, p.launched_at), coalesce(i.active, p.active))
        returning p.id),
      inserted as (
        insert into products (sku, name, price, category, tags, launched_at, active, created_at)
        select sku, name, price, category, coalesce(tags, '{}'), launched_at, coalesce(active, true), ${at}
        from input i where not exists (select 1 from products x where x.sku = i.sku)
        on conflict (sku) do nothing
        returning id)
      select (select count(*) from inserted)::int as inserted, (select count(*) from updated)::int as updated`.execute(trx);
    const counts = rows[0] ?? { inserted: 0, updated: 0 };
    return { ...counts, skipped: units.length - counts.inserted - counts.updated, failures: [] };
  },
};
