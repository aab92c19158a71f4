import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export type StartedApp = { url: string; /** From spawning to the first 200 of /api/health. */ millis: number; stop(): Promise<void> };

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

/**
 * Spawns `afterclose start` of the project in `cwd` (this one by default) on PGlite in `dataDir`, as
 * a person's first try runs it (no DATABASE_URL, even when the caller has one), and resolves once
 * /api/health answers 200. Fails, with the process stopped, if it exits or does not answer in time.
 * Used by the start-time benchmark and the server-bundle test.
 */
export async function startApp(options: { dataDir: string; timeoutMs: number; cwd?: string }): Promise<StartedApp> {
  const cwd = options.cwd ?? root;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const { DATABASE_URL: _server, ...env } = process.env;
  const child = spawn(process.execPath, [join(cwd, 'bin/afterclose.js'), 'start'], {
    cwd,
    env: { ...env, AFTERCLOSE_DATA: options.dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    while (performance.now() - started < options.timeoutMs) {
      if (child.exitCode !== null) throw new Error(`afterclose start exited with ${child.exitCode}`);
      const ok = await fetch(`${url}/api/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) return { url, millis: performance.now() - started, stop: () => stop(child) };
      await new Promise((done) => setTimeout(done, 25));
    }
    throw new Error(`afterclose start did not answer /api/health within ${options.timeoutMs} ms`);
  } catch (error) {
    await stop(child);
    throw error;
  }
}
