import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDispatcher } from '../../shared/contract/dispatcher';
import { contracts } from '../../shared/services';
import { createServices } from '../../main/services';
import { parseWebHostArgs } from './args';
import { startWebHost } from './host';

/** `npm run web -- --port 0 --data-dir DIR`: the app in a browser, for development and e2e tests. */
async function main(): Promise<void> {
  const args = parseWebHostArgs(process.argv.slice(2));
  await mkdir(args.dataDir, { recursive: true, mode: 0o700 });
  // Built to dist/web/main.js, beside dist/renderer.
  const rendererDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../renderer');
  const { services, shutdown } = createServices({ dataDir: args.dataDir });
  const host = await startWebHost({ port: args.port, rendererDir, dispatcher: createDispatcher(contracts, services) });
  process.stdout.write(`Sluice web host: ${host.url}\n`);
  // Waiting questions are refused and connections closed before the process goes.
  const stop = () => void Promise.all([host.close(), shutdown()]).then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`sluice web: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
