import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { getProduct } from './products.service.ts';

const SHOWN_RECIPIENTS = 50;

/**
 * Who a launch would reach, before anyone presses Launch: the customers whose interests share a tag
 * with the product — the same rule the announcement playbook applies to product.launched. A product
 * without tags reaches no one.
 */
export async function previewProductLaunch(db: Db, productId: string) {
  const product = await getProduct(db, productId);
  if (product.tags.length === 0) return { product, recipient_count: 0, recipients: [] };
  const interested = db
    .selectFrom('accounts')
    .where('lifecycle', '=', 'customer')
    .where(sql<boolean>`interests && ${sql.val(product.tags)}::text[]`);
  const [count, recipients] = await Promise.all([
    interested.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    interested
      .leftJoin('users as owner', 'owner.id', 'accounts.owner_id')
      .select(['accounts.id', 'accounts.name', 'accounts.interests', 'owner.name as owner_name'])
      .orderBy(sql`lower(accounts.name)`)
      .orderBy('accounts.id')
      .limit(SHOWN_RECIPIENTS)
      .execute(),
  ]);
  return {
    product,
    recipient_count: Number(count.n),
    recipients: recipients.map((r) => ({ ...r, matching_interests: r.interests.filter((i) => product.tags.includes(i)) })),
  };
}
