import { sql } from 'kysely';
import { z } from 'zod';
import { refreshAccountSearch } from '../accounts/index.ts';
import { failUnit, type KindImporter, type RowFailure } from './import-kind.ts';
import { cell, reasonOf } from './values.ts';

const contactRow = z.object({
  account_external_id: cell.text(100),
  name: cell.text(200),
  email: cell.email,
  phone: cell.text(50).optional(),
  title: cell.text(200).optional(),
  postal_address: cell.text(1000).optional(),
  newsletter_consent: cell.boolean.optional(),
});
type ContactRow = z.infer<typeof contactRow>;

/** Contacts keyed by (account, email); the account is named by its external_id. */
export const contactImporter: KindImporter<ContactRow> = {
  parse([row]) {
    const parsed = contactRow.safeParse(row?.record);
    if (!parsed.success) return { reason: reasonOf(parsed.error) };
    return { value: parsed.data, key: `${parsed.data.account_external_id} ${parsed.data.email}` };
  },
  async write({ trx, at }, units) {
    const externalIds = [...new Set(units.map((u) => u.value.account_external_id))];
    const accounts = await trx.selectFrom('accounts').select(['id', 'external_id']).where('external_id', 'in', externalIds).execute();
    const accountIds = new Map(accounts.map((a) => [a.external_id, a.id]));
    const failures: RowFailure[] = [];
    const known = units.filter((unit) => {
      if (accountIds.has(unit.value.account_external_id)) return true;
      failures.push(...failUnit(unit, `account_external_id: unknown account reference ${unit.value.account_external_id}`));
      return false;
    });
    const v = known.map((u) => ({ ...u.value, account_id: accountIds.get(u.value.account_external_id) ?? '' }));
    const { rows } = await sql<{ inserted: number; updated: number }>`
      with input as (
        select * from unnest(${v.map((c) => c.account_id)}::uuid[], ${v.map((c) => c.name)}::text[], ${v.map((c) => c.email)}::text[],
          ${v.map((c) => c.phone ?? null)}::text[], ${v.map((c) => c.title ?? null)}::text[], ${v.map((c) => c.postal_address ?? null)}::text[],
          ${v.map((c) => c.newsletter_consent ?? null)}::boolean[])
          as u(account_id, name, email, phone, title, postal_address, consent)),
      updated as (
        update contacts c set name = i.name, phone = coalesce(i.phone, c.phone), title = coalesce(i.title, c.title),
          postal_address = coalesce(i.postal_address, c.postal_address), newsletter_consent = coalesce(i.consent, c.newsletter_consent),
          consent_at = case when i.consent is null or i.consent = c.newsletter_consent then c.consent_at when i.consent then ${at}::timestamptz end
        from input i
        where c.account_id = i.account_id and lower(c.email) = i.email
          and (c.name, c.phone, c.title, c.postal_address, c.newsletter_consent) is distinct from
            (i.name, coalesce(i.phone, c.phone), coalesce(i.title, c.title), coalesce(i.postal_address, c.postal_address), coalesce(i.consent, c.newsletter_consent))
        returning c.id),
      inserted as (
        insert into contacts (account_id, name, email, phone, title, postal_address, newsletter_consent, consent_at, created_at)
        select account_id, name, email, phone, title, postal_address, coalesce(consent, false), case when consent then ${at}::timestamptz end, ${at}
        from input i
        -- A contact already there (updated above or unchanged) is the unique (account, email) key's
        -- conflict; no lookup per row, which Citus cannot plan over the input (decision 0028).
        on conflict do nothing
        returning id)
      select (select count(*) from inserted)::int as inserted, (select count(*) from updated)::int as updated`.execute(trx);
    const counts = rows[0] ?? { inserted: 0, updated: 0 };
    if (counts.inserted + counts.updated > 0) await refreshAccountSearch(trx, v.map((c) => c.account_id));
    return { ...counts, skipped: known.length - counts.inserted - counts.updated, failures };
  },
};
