// Builds the sluice-queue client into one ESM file before the first run (untimed), with the
// settings scripts/build.mjs uses for the CLI: run as plain `node FILE`, it starts and
// weighs what a built Sluice process does. Running the .ts through tsx's loader instead
// would put transpiling and the loader's memory into every timed run and RSS figure.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../../..');
/** Inside the checkout, so the bundle's external packages (zod, iconv-lite) resolve from node_modules. */
export const QUEUE_CLIENT_BUNDLE = path.join(REPO, '.tmp/bench/queue-client.mjs');

export async function bundleQueueClient(): Promise<string> {
  await build({
    entryPoints: [path.join(HERE, 'main.ts')],
    outfile: QUEUE_CLIENT_BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  return QUEUE_CLIENT_BUNDLE;
}
