#!/usr/bin/env node
// Bundles the server only when its sources changed since the last bundle, and saves the empty
// embedded database a first start copies (decision 0036), like
// build-web-if-changed.mjs for the web app: run at install, before `npm start` and before `npm test`.
import { buildEmptyCluster, buildServerBundle, freshServerBundle, serverSourceHash } from './server-bundle.mjs';

if (freshServerBundle()) {
  console.log('Server bundle is up to date; skipping the build.');
} else {
  const started = performance.now();
  await buildServerBundle(serverSourceHash());
  console.log(`Server bundled into dist/server in ${Math.round(performance.now() - started)} ms.`);
}
if (await buildEmptyCluster()) console.log('Saved the empty embedded database that a new data directory starts from.');
