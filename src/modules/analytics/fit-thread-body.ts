// Runs inside the CLV fit thread: fits the models on the histories it was started with and posts
// the outcome back (see fit-thread.ts).

import { parentPort, workerData } from 'node:worker_threads';
import { type FitInput, fitClvModelsForScoring } from './clv-scoring.ts';

parentPort?.postMessage(fitClvModelsForScoring(workerData as FitInput));
