import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryRecorder } from '../../bench/query-recorder.ts';
import { openTestDb } from '../../tests/helpers/test-db.ts';
import { type DbHandle, poolQueryOf } from './db.ts';
import { preparedQuery } from './prepared-query.ts';

let handle: DbHandle;
beforeAll(async () => {
  handle = await openTestDb();
  await handle.db
    .insertInto('accounts')
    .values([
      { name: 'Prepared Alpha', tags: ['a'] },
      { name: 'Prepared Beta', tags: ['b'] },
      { name: 'Prepared Gamma', tags: ['a', 'b'] },
    ])
    .execute();
});
afterAll(async () => {
  await handle.close();
});

// Compiled once per shape, each call's values must reach the statement, in their places.
const accountsNamed = preparedQuery((db, { prefix, tag, limit }: { prefix: string; tag: string | undefined; limit: number }) => {
  let q = db.selectFrom('accounts').select('name').where('name', 'like', sql<string>`${prefix} || '%'`);
  if (tag) q = q.where(sql<boolean>`tags @> array[${tag}]::text[]`);
  return q.orderBy('name').limit(limit);
});

describe('preparedQuery', () => {
  it('runs each call with its own values, and a value given or not as its own statement', async () => {
    const names = async (values: { prefix: string; tag: string | undefined; limit: number }) =>
      (await accountsNamed(handle.db, values)).map((r) => r.name);
    expect(await names({ prefix: 'Prepared', tag: undefined, limit: 10 })).toEqual(['Prepared Alpha', 'Prepared Beta', 'Prepared Gamma']);
    expect(await names({ prefix: 'Prepared', tag: 'b', limit: 10 })).toEqual(['Prepared Beta', 'Prepared Gamma']);
    expect(await names({ prefix: 'Prepared', tag: 'a', limit: 1 })).toEqual(['Prepared Alpha']);
    expect(await names({ prefix: 'Prepared G', tag: undefined, limit: 10 })).toEqual(['Prepared Gamma']);
    expect(await names({ prefix: 'Nobody', tag: 'a', limit: 10 })).toEqual([]);
  });

  it('sends the app handle straight to its pool, and a transaction or a handle with plugins through Kysely, with the same rows', async () => {
    expect(poolQueryOf(handle.db)).toBeDefined();
    const recorded = handle.db.withPlugin(new QueryRecorder(handle.db));
    expect(poolQueryOf(recorded)).toBeUndefined();
    const values = { prefix: 'Prepared', tag: 'b', limit: 10 };
    const direct = await accountsNamed(handle.db, values);
    expect(direct).toEqual([{ name: 'Prepared Beta' }, { name: 'Prepared Gamma' }]);
    expect(await accountsNamed(recorded, values)).toEqual(direct);
    const inTransaction = await handle.db.transaction().execute(async (trx) => {
      expect(poolQueryOf(trx)).toBeUndefined();
      return accountsNamed(trx, values);
    });
    expect(inTransaction).toEqual(direct);
  });

  it('shows a recording plugin every statement with its values, not the stand-ins it was built with', async () => {
    const recorder = new QueryRecorder(handle.db);
    const recorded = handle.db.withPlugin(recorder);
    await accountsNamed(recorded, { prefix: 'Prepared', tag: 'a', limit: 5 });
    await accountsNamed(recorded, { prefix: 'Prepared B', tag: 'b', limit: 7 });
    expect(recorder.queries.map((q) => q.parameters)).toEqual([
      ['Prepared', 'a', 5],
      ['Prepared B', 'b', 7],
    ]);
    // The API-reads benchmark replays what it recorded on a bare server.
    const replayed = recorder.queries[1];
    expect(replayed && (await handle.db.executeQuery(replayed)).rows).toEqual([{ name: 'Prepared Beta' }]);
  });
});
