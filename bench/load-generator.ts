import { Worker } from 'node:worker_threads';
import type { LoadJob, LoadResult } from './load-worker.ts';
import { percentile } from './measure.ts';

export type Throughput = LoadResult & { requestsPerSecond: number; p50: number; p99: number };

/** Rates and percentiles of one or more runs' raw samples. */
export function summarise(result: LoadResult): Throughput {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  return { ...result, latenciesMs: sorted, requestsPerSecond: result.requests / result.seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** GETs one URL from `connections` keep-alive connections for a while, in a worker thread (autocannon's closed loop). */
export function measureThroughput(job: LoadJob): Promise<Throughput> {
  return new Promise((resolve, reject) => {
    // The worker is TypeScript too: it registers tsx's loader in its own thread before loading it.
    const workerUrl = new URL('./load-worker.ts', import.meta.url).href;
    const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: job });
    worker.once('error', reject);
    worker.once('message', (result: LoadResult) => {
      resolve(summarise(result));
      void worker.terminate();
    });
  });
}
