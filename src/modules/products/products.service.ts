import { sql } from 'kysely';
import { now } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { appendEvent } from '../../platform/events.ts';
import { notFound } from '../../platform/errors.ts';
import { keysetPage } from '../../platform/paging.ts';
import type { CreateProductInput, ListProductsQuery, UpdateProductInput } from './products.schema.ts';
import { containsPattern } from '../../platform/search.ts';

export async function createProduct(db: Db, input: CreateProductInput) {
  return db.insertInto('products').values(input).returningAll().executeTakeFirstOrThrow();
}

export async function updateProduct(db: Db, id: string, input: UpdateProductInput) {
  const row = await db.updateTable('products').set(input).where('id', '=', id).returningAll().executeTakeFirst();
  if (!row) throw notFound('Product');
  return row;
}

export async function getProduct(db: Db, id: string) {
  const row = await db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Product');
  return row;
}

export async function deleteProduct(db: Db, id: string): Promise<void> {
  const result = await db.deleteFrom('products').where('id', '=', id).executeTakeFirst();
  if (result.numDeletedRows === 0n) throw notFound('Product');
}

export async function listProducts(db: Db, query: ListProductsQuery) {
  let q = db.selectFrom('products').selectAll();
  if (query.q) {
    const pattern = containsPattern(query.q);
    q = q.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('sku', '=', query.q ?? '')]));
  }
  return keysetPage(
    q,
    [
      { by: sql`lower(name)`, type: 'text' },
      { by: 'id', type: 'uuid' },
    ],
    query,
  );
}

/** Launching a product records product.launched; the announcement playbook finds the interested customers. */
export async function launchProduct(db: Db, id: string, actorId: string) {
  return db.transaction().execute(async (trx) => {
    const product = await trx.updateTable('products').set({ launched_at: now() }).where('id', '=', id).returningAll().executeTakeFirst();
    if (!product) throw notFound('Product');
    await appendEvent(trx, { type: 'product.launched', accountId: null, subjectId: id, actorId, payload: { name: product.name, tags: product.tags } });
    return product;
  });
}
