import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { lockDown, mainWindowOptions, rendererEntry } from '../../../app/electron/window';

/** Records what lockDown registers on a WebContents. */
function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void; defaultPrevented?: boolean }, url?: string) => void>();
  let openHandler: (() => { action: string }) | undefined;
  let permissionHandler: ((c: unknown, p: string, callback: (granted: boolean) => void) => void) | undefined;
  const contents = {
    on: (name: string, listener: never) => void listeners.set(name, listener),
    setWindowOpenHandler: (handler: () => { action: string }) => void (openHandler = handler),
    session: { setPermissionRequestHandler: (handler: typeof permissionHandler) => void (permissionHandler = handler) },
  } as unknown as WebContents;
  const fire = (name: string, url?: string) => {
    const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    listeners.get(name)?.(event, url);
    return event.defaultPrevented;
  };
  return { contents, fire, open: () => openHandler?.(), permission: () => new Promise<boolean>((resolve) => permissionHandler?.({}, 'media', resolve)) };
}

describe('the Electron window hardening', () => {
  const { indexUrl, preload } = rendererEntry('/opt/Sluice/resources/app.asar/dist/electron');

  it('loads the built renderer and the CommonJS preload beside main', () => {
    expect(indexUrl).toBe('file:///opt/Sluice/resources/app.asar/dist/renderer/index.html');
    expect(preload).toBe('/opt/Sluice/resources/app.asar/dist/electron/preload.cjs');
  });

  it('runs the page sandboxed and isolated, without Node', () => {
    const web = mainWindowOptions(preload)?.webPreferences;
    expect(web).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
  });

  it('denies navigation away, redirects, webviews, new windows and permissions', async () => {
    const fake = fakeContents();
    lockDown(fake.contents, (url) => url === indexUrl);
    expect(fake.fire('will-navigate', 'https://attacker.example/')).toBe(true);
    expect(fake.fire('will-navigate', indexUrl)).toBe(false);
    expect(fake.fire('will-redirect', indexUrl)).toBe(true);
    expect(fake.fire('will-attach-webview')).toBe(true);
    expect(fake.open()).toEqual({ action: 'deny' });
    expect(await fake.permission()).toBe(false);
  });
});
