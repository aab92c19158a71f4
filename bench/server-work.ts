import { setTimeout as sleep } from 'node:timers/promises';
import { type CompiledQuery, CompiledQuery as Compiled, sql } from 'kysely';
import { type Db, openDatabase } from '../src/platform/db.ts';
import { clusterNodes, type Node, onNode } from './citus-nodes.ts';

// What each database node did during a benchmark phase, read from PostgreSQL's own statistics of
// the benchmark database: time its backends spent running statements (active_time) and rows they
// read and wrote. On Citus the workers' share is the work that spreads over more machines
// (docs/scaling.md, "Estimating the gain on N machines").

export type NodeRole = 'server' | 'coordinator' | 'worker';
export type NodeWork = { node: string; role: NodeRole; activeMs: number; rowsRead: number; rowsWritten: number };
type RoledNode = Node & { role: NodeRole };

const nodeName = (n: Node) => `${n.host}:${n.port}`;

/** The coordinator and the primary workers registered in the database the URL names, or the server alone without Citus. */
async function nodesOf(url: string, citus: boolean): Promise<RoledNode[]> {
  if (!citus) {
    const parsed = new URL(url);
    return [{ host: parsed.hostname, port: Number(parsed.port || 5432), role: 'server' }];
  }
  const { coordinator, workers } = await clusterNodes(url);
  return [{ ...coordinator, role: 'coordinator' }, ...workers.map((w) => ({ ...w, role: 'worker' as const }))];
}

async function readNode(base: string, node: RoledNode, database: string): Promise<NodeWork> {
  // Read from the maintenance database, so the reading itself is not counted in the benchmark's.
  return onNode(base, node, 'postgres', async (client) => {
    const { rows } = await client.query<{ active: number; read: string; written: string }>(
      `select active_time as active, tup_returned + tup_fetched as read, tup_inserted + tup_updated + tup_deleted as written
       from pg_stat_database where datname = $1`,
      [database],
    );
    const row = rows[0];
    return { node: nodeName(node), role: node.role, activeMs: row?.active ?? 0, rowsRead: Number(row?.read ?? 0), rowsWritten: Number(row?.written ?? 0) };
  });
}

export type ServerProbe = {
  /** Runs `work` on a pool of its own and returns what every node did meanwhile. */
  measure<T>(work: (db: Db) => Promise<T>): Promise<{ result: T; work: NodeWork[] }>;
};

/**
 * A backend sends its statistics at most once a second, and an idle one after ten seconds, so a
 * phase waits for the previous one's to arrive (settleMs) and runs on connections of its own that
 * it closes at the end: a closing backend sends everything it counted, down to its last statement
 * (on Citus the workers' backends for the coordinator's connections close with them).
 */
export async function serverProbe(url: string, options: { citus: boolean; settleMs: number }): Promise<ServerProbe> {
  const nodes = await nodesOf(url, options.citus);
  const database = new URL(url).pathname.slice(1);
  const snapshot = () => Promise.all(nodes.map((n) => readNode(url, n, database)));
  return {
    async measure<T>(work: (db: Db) => Promise<T>) {
      await sleep(options.settleMs);
      const before = await snapshot();
      const handle = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
      let result: T;
      try {
        result = await work(handle.db);
      } finally {
        await handle.close();
      }
      await sleep(Math.min(options.settleMs, 1500));
      const after = await snapshot();
      return {
        result,
        work: after.map((a, i) => {
          const b = before[i] ?? a;
          return { ...a, activeMs: a.activeMs - b.activeMs, rowsRead: a.rowsRead - b.rowsRead, rowsWritten: a.rowsWritten - b.rowsWritten };
        }),
      };
    },
  };
}

export type CitusLayout = {
  shards: number;
  shardsPerWorker: { node: string; shards: number }[];
  /** Rows of each big table per shard: fewest, median, most. */
  rowsPerShard: { table: string; min: number; median: number; max: number }[];
};

/** How the account tables are spread: shards per worker and rows per shard. */
export async function citusLayout(db: Db): Promise<CitusLayout> {
  const { rows: perWorker } = await sql<{ node: string; shards: number }>`
    select nodename || ':' || nodeport as node, count(*)::int as shards from citus_shards
    where table_name = 'accounts'::regclass group by nodename, nodeport order by nodeport`.execute(db);
  const rowsPerShard = [];
  for (const table of ['accounts', 'orders', 'touches']) {
    const { rows } = await sql<{ n: string }>`select result as n from run_command_on_shards(${table}, 'select count(*) from %s')`.execute(db);
    const counts = rows.map((r) => Number(r.n)).sort((a, b) => a - b);
    rowsPerShard.push({ table, min: counts[0] ?? 0, median: counts[Math.floor(counts.length / 2)] ?? 0, max: counts.at(-1) ?? 0 });
  }
  return { shards: perWorker.reduce((sum, w) => sum + w.shards, 0), shardsPerWorker: perWorker, rowsPerShard };
}

export type QueryFanOut = { statements: number; multiShard: number; maxShards: number; workers: number };

/**
 * Shards and workers the statements of one call reach, from Citus's plans with every task listed.
 * Reads only: EXPLAIN without ANALYZE runs nothing.
 */
export async function fanOutOf(db: Db, queries: readonly CompiledQuery[], workerNodes: readonly string[]): Promise<QueryFanOut> {
  return db.transaction().execute(async (trx) => {
    await sql`set local citus.explain_all_tasks = on`.execute(trx);
    const result: QueryFanOut = { statements: queries.length, multiShard: 0, maxShards: 0, workers: 0 };
    const workers = new Set<string>();
    for (const query of queries) {
      const plan = await trx.executeQuery<{ 'QUERY PLAN': string }>(Compiled.raw(`explain ${query.sql}`, [...query.parameters]));
      const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
      const tasks = Math.max(0, ...[...text.matchAll(/Task Count: (\d+)/g)].map((m) => Number(m[1])));
      // Tasks on the coordinator (its local tables: the event log) are not a worker's.
      for (const m of text.matchAll(/Node: host=(\S+) port=(\d+)/g)) if (workerNodes.includes(`${m[1]}:${m[2]}`)) workers.add(`${m[1]}:${m[2]}`);
      if (tasks > 1) result.multiShard++;
      result.maxShards = Math.max(result.maxShards, tasks);
    }
    result.workers = workers.size;
    return result;
  });
}
