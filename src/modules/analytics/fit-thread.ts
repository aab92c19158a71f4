// Runs the CLV fits in a worker thread. Under PGlite the API, the worker loop and the database
// share one process, and a fit is seconds of synchronous CPU work that would hold every HTTP
// request until it ends; in a thread of its own it holds none.

import { Worker } from 'node:worker_threads';
import type { ClvOutcome, FitInput } from './clv-scoring.ts';

/**
 * From the sources, the thread's entry is JavaScript that loads tsx first, since a new thread starts
 * without it; from the server bundle (decision 0036), the thread's own bundle next to it.
 */
const entry = import.meta.url.endsWith('.ts') ? new URL('./fit-thread-entry.js', import.meta.url) : new URL('./fit-thread.js', import.meta.url);

export function fitInThread(input: FitInput): Promise<ClvOutcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, { workerData: input });
    let settled = false;
    worker.once('message', (outcome: ClvOutcome) => {
      settled = true;
      resolve(outcome);
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`The CLV fit thread stopped with exit code ${code} before it answered.`));
    });
  });
}
