// The server as one bundled JavaScript file (decision 0036): Node loads it in a fraction of the time
// tsx takes to find, read and transform several hundred TypeScript files and the packages they import.
// bin/afterclose.js runs it only while it was built from the sources as they are now.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sourceHash } from './source-hash.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// Two folders below the root, as src/platform/migrate.ts and src/api/server.ts are, so their
// `new URL('../../db/migrations/', import.meta.url)` and `'../../web/dist/'` point at the same
// folders from the bundle as from the sources.
const outDir = join(root, 'dist/server');
const stampFile = join(outDir, '.source-hash');
const inputs = ['src', 'bench', 'package-lock.json', 'tsconfig.json', 'scripts/server-bundle.mjs', 'scripts/source-hash.mjs'];

// Loaded from their own folders, not bundled: PGlite reads its WebAssembly and data files next to its
// code, the Swagger packages read their static files and package.json through __dirname, pino starts
// transport threads from files of its own, and tsx only runs the sources.
const external = ['@electric-sql/pglite', '@fastify/swagger', '@fastify/swagger-ui', 'pino', 'tsx'];

/** A hash of everything the bundle is built from: the sources, the locked dependencies, this build. */
export function serverSourceHash() {
  return sourceHash(root, inputs);
}

const entries = {
  afterclose: join(root, 'src/cli/main.ts'),
  // The CLV fit thread, loaded by src/modules/analytics/fit-thread.ts from next to the bundle.
  'fit-thread': join(root, 'src/modules/analytics/fit-thread-body.ts'),
};

/** The URL of the bundled CLI when it was built from the current sources, otherwise null. */
export function freshServerBundle() {
  const main = join(outDir, 'afterclose.js');
  if (!existsSync(main) || !existsSync(stampFile)) return null;
  return readFileSync(stampFile, 'utf8').trim() === serverSourceHash() ? pathToFileURL(main).href : null;
}

/**
 * Builds the bundle. Each file is written under a temporary name and renamed, and the stamp last:
 * a process starting meanwhile sees either the old stamp (and runs the sources) or a whole bundle.
 */
export async function buildServerBundle(wanted = serverSourceHash()) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: entries,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    external: external.flatMap((name) => [name, `${name}/*`]),
    // CommonJS packages inside an ES module bundle still call require() for Node's own modules.
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module';\nconst require = __bundleRequire(import.meta.url);" },
    logLevel: 'warning',
    plugins: [
      {
        // `afterclose bench` runs from the sources (bin/afterclose.js): its runners load TypeScript
        // worker threads. The demo's data generator, imported statically from bench/, is bundled.
        name: 'benchmarks-stay-sources',
        setup(builder) {
          builder.onResolve({ filter: /\/bench\// }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined));
        },
      },
    ],
  });
  mkdirSync(outDir, { recursive: true });
  for (const file of result.outputFiles) {
    writeFileSync(`${file.path}.tmp`, file.contents);
    renameSync(`${file.path}.tmp`, file.path);
  }
  writeFileSync(stampFile, `${wanted}\n`);
}

/**
 * The empty database cluster PGlite's initdb makes, which src/platform/db.ts copies into a new data
 * directory instead of running initdb there (seconds of WebAssembly on a first start). It is named by
 * PGlite's version, so a cluster of another version is never loaded.
 */
export function emptyClusterFile() {
  const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const { version } = JSON.parse(readFileSync(join(dirname(pgliteEntry), '../package.json'), 'utf8'));
  return join(outDir, `pglite-${version}-initdb.tar.gz`);
}

/** Saves the empty cluster of the installed PGlite, unless it is saved already; true when it saved it. */
export async function buildEmptyCluster() {
  const file = emptyClusterFile();
  if (existsSync(file)) return false;
  const { PGlite } = await import('@electric-sql/pglite');
  const dataDir = mkdtempSync(join(tmpdir(), 'afterclose-initdb-'));
  try {
    const pglite = new PGlite({ dataDir });
    await pglite.query('select 1');
    const dump = await pglite.dumpDataDir('gzip');
    await pglite.close();
    mkdirSync(outDir, { recursive: true });
    for (const old of readdirSync(outDir).filter((name) => /^pglite-.*-initdb\.tar\.gz$/.test(name))) rmSync(join(outDir, old));
    writeFileSync(`${file}.tmp`, Buffer.from(await dump.arrayBuffer()));
    renameSync(`${file}.tmp`, file);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return true;
}
