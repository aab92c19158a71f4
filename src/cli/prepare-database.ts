import type { Db } from '../platform/db.ts';
import { distributeForCitus } from '../platform/citus.ts';
import { migrate } from '../platform/migrate.ts';
import { installDefaultPlaybooks } from '../modules/playbooks/index.ts';

/**
 * Migrations; on a Citus cluster, the distribution of the tables they created (nothing happens
 * without the extension); then the data every installation ships with (the default playbooks).
 */
export async function prepareDatabase(db: Db, options: { citusShardCount?: number } = {}): Promise<string[]> {
  const applied = await migrate(db);
  await distributeForCitus(db, options.citusShardCount ? { shardCount: options.citusShardCount } : {});
  await installDefaultPlaybooks(db);
  return applied;
}
