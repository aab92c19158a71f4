import pg from 'pg';

// A Citus cluster copies a test database as a single server does (CREATE DATABASE … TEMPLATE), once
// on every node under the same name: the copy's metadata names the nodes by host and port, and Citus
// reaches a shard in the database of the same name, so the copies form a cluster of their own.

export type Node = { host: string; port: number };

function urlOf(base: string, node: Node, database: string): string {
  const url = new URL(base);
  url.hostname = node.host;
  url.port = String(node.port);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function onNode<T>(base: string, node: Node, database: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: urlOf(base, node, database) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The coordinator (from the URL) and the workers registered in the URL's database. */
export async function clusterNodes(coordinatorUrl: string): Promise<{ coordinator: Node; workers: Node[] }> {
  const url = new URL(coordinatorUrl);
  const coordinator = { host: url.hostname, port: Number(url.port || 5432) };
  const workers = await onNode(coordinatorUrl, coordinator, url.pathname.slice(1), async (client) => {
    const { rows } = await client.query<{ nodename: string; nodeport: number }>(
      `select nodename, nodeport from pg_dist_node where groupid <> 0 and noderole = 'primary' order by nodeport`,
    );
    return rows.map((r) => ({ host: r.nodename, port: r.nodeport }));
  });
  if (workers.length === 0) throw new Error(`No Citus workers are registered in ${coordinatorUrl}`);
  return { coordinator, workers };
}

/** An empty database on every node with the extension, the workers registered on the coordinator. */
export async function createClusterDatabase(coordinatorUrl: string, name: string): Promise<void> {
  const { coordinator, workers } = await clusterNodes(coordinatorUrl);
  for (const node of [coordinator, ...workers]) {
    await onNode(coordinatorUrl, node, 'postgres', (c) => c.query(`drop database if exists ${name} with (force)`));
    await onNode(coordinatorUrl, node, 'postgres', (c) => c.query(`create database ${name}`));
    await onNode(coordinatorUrl, node, name, (c) => c.query('set client_min_messages = warning; create extension citus'));
  }
  await onNode(coordinatorUrl, coordinator, name, async (c) => {
    await c.query('select citus_set_coordinator_host($1, $2)', [coordinator.host, coordinator.port]);
    for (const w of workers) await c.query('select citus_add_node($1, $2)', [w.host, w.port]);
  });
}

/**
 * Closes a prepared database to connections on every node, so it can serve as a template: Citus's
 * maintenance daemon and cached connections between nodes would otherwise hold it open.
 */
export async function freezeClusterTemplate(coordinatorUrl: string, name: string): Promise<void> {
  const { coordinator, workers } = await clusterNodes(coordinatorUrl);
  for (const node of [coordinator, ...workers]) {
    await onNode(coordinatorUrl, node, 'postgres', async (c) => {
      await c.query(`alter database ${name} allow_connections false`);
      await c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
    });
  }
}

export async function copyClusterDatabase(coordinatorUrl: string, template: string, name: string): Promise<string> {
  const { coordinator, workers } = await clusterNodes(coordinatorUrl);
  for (const node of [...workers, coordinator]) {
    await onNode(coordinatorUrl, node, 'postgres', (c) => c.query(`create database ${name} template ${template}`));
  }
  return urlOf(coordinatorUrl, coordinator, name);
}

/** Coordinator first; a worker may still be reached by the coordinator's closing sessions, so a busy drop is retried. */
export async function dropClusterDatabase(coordinatorUrl: string, name: string): Promise<void> {
  const { coordinator, workers } = await clusterNodes(coordinatorUrl);
  for (const node of [coordinator, ...workers]) {
    for (let attempt = 1; ; attempt++) {
      try {
        await onNode(coordinatorUrl, node, 'postgres', (c) => c.query(`drop database if exists ${name} with (force)`));
        break;
      } catch (error) {
        if (attempt === 5 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
  }
}
