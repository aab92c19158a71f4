import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

export type LoadJob = { url: string; headers: Record<string, string>; connections: number; warmUpMs: number; durationMs: number };
export type LoadResult = { requests: number; errors: number; seconds: number; latenciesMs: number[] };

// Runs in its own thread so the load generator does not share the event loop of the server it
// measures: on a two-core machine one core drives the requests, the other serves them.
const job = workerData as LoadJob;
const agent = new Agent({ keepAlive: true, maxSockets: job.connections });

function get(): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(job.url, { agent, headers: job.headers }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function run(): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let requests = 0;
  let errors = 0;
  const started = performance.now();
  const measureFrom = started + job.warmUpMs;
  const stopAt = measureFrom + job.durationMs;
  // Each connection sends its next request as soon as the previous answer is read (closed loop).
  const connection = async () => {
    while (performance.now() < stopAt) {
      const sent = performance.now();
      const status = await get().catch(() => 0);
      const done = performance.now();
      if (sent < measureFrom) continue;
      requests++;
      if (status !== 200) errors++;
      latenciesMs.push(done - sent);
    }
  };
  await Promise.all(Array.from({ length: job.connections }, connection));
  agent.destroy();
  return { requests, errors, seconds: (performance.now() - measureFrom) / 1000, latenciesMs };
}

run().then((result) => parentPort?.postMessage(result));
