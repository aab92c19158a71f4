import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** Owned by src/modules/products. */
export type ProductsTables = {
  products: {
    id: Generated<string>;
    sku: string;
    name: string;
    category: string | null;
    tags: Generated<string[]>;
    price: number;
    launched_at: Timestamp | null;
    active: Generated<boolean>;
    created_at: DefaultedTimestamp;
    getting_started_url: string | null;
  };
};
