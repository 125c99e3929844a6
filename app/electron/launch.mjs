// `npm start`: runs the Electron app when its binary is present (electron@45 fetches it on
// first use). Where it cannot be had — no network, as on CI — say so in one sentence and
// point at the web shell, rather than let electron's downloader print a stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function electronExecutable() {
  const electronDir = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(electronDir, 'path.txt');
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(electronDir, 'dist');
  const located = () => {
    const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : process.env.ELECTRON_OVERRIDE_DIST_PATH ? 'electron' : '';
    const candidate = relative && path.join(distDir, relative);
    return candidate && existsSync(candidate) ? candidate : undefined;
  };
  if (located()) return located();
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return undefined;
  // Quietly: the download's own failure output is noise to someone who just wants the app.
  spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 300_000 });
  return located();
}

const executable = electronExecutable();
if (!executable) {
  console.error('Sluice cannot open its desktop window because the Electron binary is not installed and could not be downloaded; run "npm run web" to use Sluice in your browser instead.');
  process.exit(1);
}
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(executable, [projectRoot, ...process.argv.slice(2)], { stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
