import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../bin/afterclose.js', import.meta.url));

export type StartTimes = { firstStartMs: number; restartMs: number };

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

/** Milliseconds from spawning `afterclose start` on `dataDir` to its first 200 from /api/health. */
async function timeStart(dataDir: string, timeoutMs: number): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  // PGlite, as on a first try: no DATABASE_URL, even when the benchmark was given one.
  const { DATABASE_URL: _server, ...env } = process.env;
  const child = spawn(process.execPath, [cli, 'start'], {
    env: { ...env, AFTERCLOSE_DATA: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    while (performance.now() - started < timeoutMs) {
      if (child.exitCode !== null) throw new Error(`afterclose start exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) return performance.now() - started;
      await new Promise((done) => setTimeout(done, 25));
    }
    throw new Error(`afterclose start did not answer /api/health within ${timeoutMs} ms`);
  } finally {
    await stop(child);
  }
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
