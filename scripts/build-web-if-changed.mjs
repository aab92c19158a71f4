#!/usr/bin/env node
// Builds the web app only when its sources changed since the last build, so `npm start` and
// `npm test` do not spend seconds on a Vite build that would produce the same files.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'web/dist');
const stampFile = join(dist, '.source-hash');
const inputs = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'package-lock.json'];

const filesAt = (path) => {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
};

function sourceHash() {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap((input) => filesAt(join(root, input))).sort()) {
    hash.update(`${relative(root, file)}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

const wanted = sourceHash();
const built = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : null;
if (built === wanted && existsSync(join(dist, 'index.html'))) {
  console.log('Web app is up to date; skipping the build.');
} else {
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts'], { cwd: root, stdio: 'inherit' });
  writeFileSync(stampFile, `${wanted}\n`);
}
