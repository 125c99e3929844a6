// Builds every entry point into dist/: the renderer with vite, the Node and Electron
// entries with esbuild. Type checking is `npm run typecheck`; this only transpiles.
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';

const onlyNode = process.argv.includes('--node-only');

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
const electron = { ...common, format: 'cjs', external: ['electron'], minify: true };
const cliRequire = "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);";

await Promise.all([
  // Electron's main process: one self-contained CommonJS file, so app.asar needs no node_modules.
  esbuild({ ...electron, entryPoints: ['app/electron/main.ts'], outfile: 'dist/electron/main.cjs' }),
  // A sandboxed preload may only require('electron'): everything else is bundled in.
  esbuild({ ...electron, entryPoints: ['app/electron/preload.ts'], outfile: 'dist/electron/preload.cjs' }),
  // The web host runs from a checkout, next to node_modules.
  esbuild({ ...common, entryPoints: ['app/web/main.ts'], outfile: 'dist/web/main.js', format: 'esm', packages: 'external' }),
  // The CLI is started once per command, and a mirror's time includes that start: bundled and
  // minified, it loads in ~60 ms less than resolving and compiling zod and the rest from
  // node_modules (zod alone took ~80 ms). createRequire serves the CommonJS packages bundled in.
  // iconv-lite stays out: only a site with a legacy charset loads it (charset.ts), from
  // node_modules, and the other commands no longer compile its half a megabyte of tables.
  esbuild({ ...common, entryPoints: ['app/cli/main.ts'], outfile: 'dist/cli/main.js', format: 'esm', minify: true, banner: { js: cliRequire }, external: ['iconv-lite'] }),
  // The worker of the CLI's transfer lanes (app/cli/lane.ts), loaded from beside main.js.
  esbuild({ ...common, entryPoints: ['main/lanes/lane-worker.ts'], outfile: 'dist/cli/transfer-lane.js', format: 'esm', minify: true, banner: { js: cliRequire }, external: ['iconv-lite'] }),
  onlyNode ? Promise.resolve() : vite({ configFile: 'vite.config.ts', logLevel: 'warn' }),
]);
