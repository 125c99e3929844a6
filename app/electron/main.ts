// The desktop app: the only file of Sluice that imports electron at runtime (with its
// helpers in this folder). Everything else is plain Node in main/.
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { createDispatcher } from '../../shared/contract/dispatcher';
import { contracts } from '../../shared/services';
import { createServices } from '../../main/services';
import { openCredentialVault } from '../../main/sites/vault/open-vault';
import { registerIpc } from './ipc';
import { electronSafeStorage } from './safe-storage';
import { showQueueProgress } from './taskbar-progress';
import { lockDown, mainWindowOptions, rendererEntry } from './window';

const { indexUrl, preload } = rendererEntry(__dirname);
const isOurPage = (url: string) => url.split(/[?#]/)[0] === indexUrl;

async function openMainWindow(): Promise<void> {
  const dataDir = app.getPath('userData');
  const { services, shutdown } = createServices({
    dataDir,
    local: { trash: (target) => shell.trashItem(target) },
    // safeStorage is usable only after 'ready'; a basic_text backend falls back to the master-password vault.
    vault: openCredentialVault({ dataDir, safeStorage: electronSafeStorage }),
  });
  const dispatcher = createDispatcher(contracts, services);
  app.once('before-quit', () => void shutdown());

  // Headers don't exist for file:// pages, so the CSP is also in index.html; this covers
  // anything else the session might load.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': ["default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"],
      },
    });
  });

  const window = new BrowserWindow(mainWindowOptions(preload));
  lockDown(window.webContents, isOurPage);
  const stopIpc = registerIpc(ipcMain, contracts, dispatcher, window, isOurPage);
  const stopProgress = showQueueProgress(services.transfers, window);
  window.on('closed', () => {
    stopIpc();
    stopProgress();
    // Nobody is left to answer: questions still waiting are refused, not left hanging.
    services.prompts.pending().then(() => void shutdown());
  });
  window.once('ready-to-show', () => window.show());
  await window.loadURL(indexUrl);
}

app.enableSandbox();
app.on('web-contents-created', (_event, contents) => lockDown(contents, isOurPage));
app.on('window-all-closed', () => app.quit());
app.whenReady().then(openMainWindow, (error: unknown) => {
  console.error(`Sluice could not start: ${String(error)}`);
  app.exit(1);
});
