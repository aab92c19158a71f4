#!/usr/bin/env node
// Runs the bundled server when it was built from the current sources (decision 0036: it loads in a
// fraction of tsx's time); otherwise, and always for `--dev` and `bench`, the TypeScript sources
// through tsx, so an edit takes effect without a build step.
import { freshServerBundle } from '../scripts/server-bundle.mjs';

const args = process.argv.slice(2);
// The benchmarks start TypeScript worker threads of their own, which are not in the bundle.
const bundle = args[0] === 'bench' || args.includes('--dev') ? null : freshServerBundle();
if (bundle) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
