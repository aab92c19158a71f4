import { DAY_MS } from '../src/platform/clock.ts';
import type { TableWriter } from './bulk-insert.ts';
import { textArray } from './bulk-insert.ts';
import type { IdSource, Random } from './random.ts';

/** A workwear and outdoor supplier: products with sizes and colours give order lines real specs. */
type Family = { category: string; code: string; names: string[]; price: [number, number]; sized: boolean; tags: string[] };

const families: Family[] = [
  { category: 'jackets', code: 'JKT', names: ['Storm Shell Jacket', 'Softshell Jacket', 'Insulated Parka', 'Rain Jacket', 'Fleece Jacket', 'Hi-Vis Jacket'], price: [89, 249], sized: true, tags: ['waterproof', 'outdoor'] },
  { category: 'shirts', code: 'SHT', names: ['Oxford Work Shirt', 'Merino Base Layer', 'Polo Shirt', 'Flannel Shirt', 'Logo T-Shirt', 'Long-Sleeve Tee'], price: [19, 79], sized: true, tags: ['cotton', 'everyday'] },
  { category: 'trousers', code: 'TRS', names: ['Canvas Work Trousers', 'Stretch Cargo Pants', 'Rain Overtrousers', 'Bib Overalls', 'Chino Trousers'], price: [49, 149], sized: true, tags: ['durable', 'workwear'] },
  { category: 'footwear', code: 'FTW', names: ['Safety Boots S3', 'Hiking Boots', 'Work Clogs', 'Winter Boots', 'Trail Shoes'], price: [69, 219], sized: true, tags: ['safety', 'outdoor'] },
  { category: 'gloves', code: 'GLV', names: ['Leather Work Gloves', 'Cut-Resistant Gloves', 'Thermal Gloves', 'Nitrile Grip Gloves'], price: [9, 39], sized: true, tags: ['safety', 'workwear'] },
  { category: 'bags', code: 'BAG', names: ['Tool Backpack', 'Duffel Bag 60 L', 'Roll-Top Dry Bag', 'Messenger Bag', 'Hip Pack'], price: [29, 159], sized: false, tags: ['carry', 'outdoor'] },
  { category: 'accessories', code: 'ACC', names: ['Beanie', 'Neck Gaiter', 'Reflective Vest', 'Belt', 'Cap', 'Knee Pads'], price: [8, 49], sized: false, tags: ['everyday'] },
  { category: 'care', code: 'CAR', names: ['Wax Proofing', 'Boot Cleaner Kit', 'Tech Wash'], price: [9, 25], sized: false, tags: ['care'] },
];
const extraTags = ['bestseller', 'eco', 'new', 'organic', 'reflective', 'recycled'];
export const sizes = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];
export const colors = ['black', 'navy', 'olive', 'orange', 'grey', 'blue', 'red', 'sand'];
export const productCategories = families.map((f) => f.category);

export type Product = { id: string; sku: string; name: string; category: string; priceCents: number; sized: boolean };

export const productColumns = {
  id: 'uuid',
  sku: 'text',
  name: 'text',
  category: 'text',
  tags: 'text[]',
  price: 'numeric',
  launched_at: 'timestamptz',
  created_at: 'timestamptz',
} as const;

/** Builds the catalogue (about 40 products, some launched in the last months) and buffers its rows. */
export function buildCatalog(
  rng: Random,
  ids: IdSource,
  asOf: Date,
  writer: TableWriter<keyof typeof productColumns>,
): Product[] {
  const products: Product[] = [];
  for (const family of families) {
    family.names.forEach((name, index) => {
      const priceCents = Math.round(rng.between(family.price[0], family.price[1])) * 100 - 1;
      const launchedDaysAgo = rng.chance(0.12) ? rng.int(5, 120) : rng.int(300, 1500);
      const launchedAt = new Date(asOf.getTime() - launchedDaysAgo * DAY_MS);
      const product: Product = {
        id: ids.next(),
        sku: `AC-${family.code}-${String(index + 1).padStart(3, '0')}`,
        name,
        category: family.category,
        priceCents,
        sized: family.sized,
      };
      products.push(product);
      writer.add({
        id: product.id,
        sku: product.sku,
        name,
        category: family.category,
        tags: textArray([...family.tags, ...rng.sample(extraTags, rng.int(0, 2))]),
        price: (priceCents / 100).toFixed(2),
        launched_at: launchedAt.toISOString(),
        created_at: new Date(launchedAt.getTime() - 30 * DAY_MS).toISOString(),
      });
    });
  }
  return products;
}

/** Line specs as the shop records them: size and colour for clothing, colour for the rest, none for care. */
export function specsFor(rng: Random, product: Product): Record<string, string> {
  if (product.category === 'care') return {};
  const color = rng.pick(colors);
  return product.sized ? { size: rng.pick(sizes), color } : { color };
}
