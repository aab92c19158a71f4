import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startApp } from './app-process.ts';

export type StartTimes = { firstStartMs: number; restartMs: number };

/** Milliseconds from spawning `afterclose start` on `dataDir` to its first 200 from /api/health. */
async function timeStart(dataDir: string, timeoutMs: number): Promise<number> {
  const app = await startApp({ dataDir, timeoutMs });
  await app.stop();
  return app.millis;
}

/**
 * `npm start` as a person meets it, on PGlite in a new data directory: the first start (migrations
 * and the demo business), then a start on the directory it left. The web build and the server bundle
 * (decision 0036) are not included: `npm start` skips them unless their sources changed, and
 * `npm run bench` builds the bundle first so this measures it.
 */
export async function benchStartTime(timeoutMs = 60_000): Promise<StartTimes> {
  const dataDir = mkdtempSync(join(tmpdir(), 'afterclose-start-'));
  try {
    const firstStartMs = await timeStart(dataDir, timeoutMs);
    const restartMs = await timeStart(dataDir, timeoutMs);
    return { firstStartMs, restartMs };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function startTimeLine(times: StartTimes): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return `   first start with demo data ${seconds(times.firstStartMs)} (target 8 s), start on existing data ${seconds(times.restartMs)} (target 2 s)`;
}

const script = process.argv[1];
if (script && import.meta.url === pathToFileURL(resolve(script)).href) {
  benchStartTime().then(
    (times) => console.log(startTimeLine(times)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
