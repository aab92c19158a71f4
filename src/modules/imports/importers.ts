import type { ImportKind } from '../../platform/db-schema.ts';
import { accountImporter } from './import-accounts.ts';
import { contactImporter } from './import-contacts.ts';
import type { KindImporter } from './import-kind.ts';
import { orderImporter } from './import-orders.ts';
import { productImporter } from './import-products.ts';

/** An importer whose record type is known only inside: each kind validates into its own shape. */
export type SomeImporter = { use<R>(fn: <T>(importer: KindImporter<T>) => R): R };

const some = <T>(importer: KindImporter<T>): SomeImporter => ({ use: (fn) => fn(importer) });

export const importers: Record<ImportKind, SomeImporter> = {
  accounts: some(accountImporter),
  contacts: some(contactImporter),
  products: some(productImporter),
  orders: some(orderImporter),
};
