import type { Db } from '../platform/db.ts';
import { migrate } from '../platform/migrate.ts';
import { installDefaultPlaybooks } from '../modules/playbooks/index.ts';

/** Migrations, then the data every installation ships with (the default playbooks). */
export async function prepareDatabase(db: Db): Promise<string[]> {
  const applied = await migrate(db);
  await installDefaultPlaybooks(db);
  return applied;
}
