#!/usr/bin/env node
// Builds the web app only when its sources changed since the last build, so `npm start` and
// `npm test` do not spend seconds on a Vite build that would produce the same files.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sourceHash } from './source-hash.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'web/dist');
const stampFile = join(dist, '.source-hash');
const inputs = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'package-lock.json'];

const wanted = sourceHash(root, inputs);
const built = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : null;
if (built === wanted && existsSync(join(dist, 'index.html'))) {
  console.log('Web app is up to date; skipping the build.');
} else {
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts'], { cwd: root, stdio: 'inherit' });
  writeFileSync(stampFile, `${wanted}\n`);
}
