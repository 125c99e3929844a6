import type { BrowserWindow as BrowserWindowType, WebContents } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where the built renderer and preload sit relative to dist/electron/main.cjs. */
export function rendererEntry(distElectronDir: string): { indexUrl: string; preload: string } {
  return {
    indexUrl: pathToFileURL(path.join(distElectronDir, '..', 'renderer', 'index.html')).href,
    preload: path.join(distElectronDir, 'preload.cjs'),
  };
}

/** The hardening every window gets: no navigation away, no new windows, no webviews, no permissions. */
export function lockDown(contents: WebContents, isOurPage: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (!isOurPage(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
}

/** The options of the main window: sandboxed, isolated, no Node in the page. */
export function mainWindowOptions(preload: string): ConstructorParameters<typeof BrowserWindowType>[0] {
  return {
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    title: 'Sluice',
    show: false,
    webPreferences: {
      preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  };
}
