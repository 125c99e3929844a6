import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RemoteEntry } from '../../shared/remote-entry';
import type { SessionState } from '../../shared/services/session';
import { fakeCertificateInfo, FakeServices } from './fake-shell';
import { useFakeShellPages } from './fake-shell-pages';

/**
 * The quick connect bar, the remote pane's states, the Site Manager and the log, over
 * scripted services (the real-server scenarios are in connect.test.ts and remote-pane.test.ts).
 */

const TIMEOUT = 60_000;
const open = useFakeShellPages();

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/sluice-${name}.png` });
const remoteGrid = (page: Page) => page.getByRole('grid', { name: 'Remote files' });
const bar = (page: Page) => page.getByRole('toolbar', { name: 'Quick connect' });

const connected: SessionState = {
  status: 'connected',
  host: 'ftp.example.com',
  port: 2121,
  user: 'alice',
  tlsMode: 'explicit',
  home: '/home/alice',
  security: {
    tlsVersion: 'TLSv1.3',
    cipher: 'TLS_AES_256_GCM_SHA384',
    dataProtected: true,
    commandsInClear: false,
    certificate: fakeCertificateInfo([]),
    trust: 'pinned',
  },
};

const entries: RemoteEntry[] = [
  { name: 'projects', kind: 'dir', modified: Date.UTC(2026, 0, 5), permissions: 'rwxr-xr-x', mode: 0o755 },
  { name: 'report.pdf', kind: 'file', size: 482_113, modified: Date.UTC(2026, 1, 2), permissions: 'rw-r--r--', mode: 0o644, owner: 'alice', group: 'staff' },
  { name: 'latest', kind: 'symlink', linkTarget: 'releases/2.4.1', permissions: 'rwxrwxrwx' },
  { name: 'CON', kind: 'file', size: 12, unsafe: 'Windows reserves this name', mode: 0o600 },
];

describe('session UI', () => {
  it(
    'fills the bar from a pasted URL, connects with Enter, lists the home folder and shows the lock and the log',
    async () => {
      for (const scheme of ['light', 'dark'] as const) {
        const fake = new FakeServices();
        fake.nextConnect = connected;
        fake.listings.set('/home/alice', { path: '/home/alice', parent: '/home', entries });
        const page = await open(fake, scheme);
        await bar(page).getByLabel('Host').fill('ftpes://alice@ftp.example.com:2121');
        expect(await bar(page).getByLabel('Host').inputValue()).toBe('ftp.example.com');
        expect(await bar(page).getByLabel('User').inputValue()).toBe('alice');
        expect(await bar(page).getByLabel('Port').inputValue()).toBe('2121');
        expect(await bar(page).getByLabel('Protocol').inputValue()).toBe('explicit');
        await bar(page).getByLabel('Password').fill('pw');
        await bar(page).getByLabel('Password').press('Enter');
        await expect.poll(() => fake.calls[0]).toBe(
          'connect {"kind":"quick","host":"ftp.example.com","port":2121,"user":"alice","password":"pw","tlsMode":"explicit"}',
        );
        await expect.poll(() => remoteGrid(page).getAttribute('data-folder')).toBe('/home/alice');
        await expect.poll(() => page.title()).toBe('Sluice — ftp.example.com');
        // The unsafe name carries a warning, the link shows where it points.
        expect(await remoteGrid(page).getByRole('img', { name: /Unsafe name: Windows reserves/ }).count()).toBe(1);
        expect(await remoteGrid(page).getByText('→ releases/2.4.1').count()).toBe(1);

        fake.writeLog([
          { direction: 'info', text: 'Connecting to 127.0.0.1:2121' },
          { direction: 'received', text: '220 (vsFTPd 3.0.3)' },
          { direction: 'sent', text: 'AUTH TLS' },
          { direction: 'received', text: '234 Proceed with negotiation.' },
          { direction: 'sent', text: 'USER alice' },
          { direction: 'sent', text: 'PASS ****' },
          { direction: 'received', text: '230 Login successful.' },
          { direction: 'error', text: '550 Failed to change directory.' },
        ]);
        await page.getByRole('tab', { name: 'Log' }).click();
        const log = page.getByRole('listbox', { name: 'Protocol log' });
        await expect.poll(() => log.getByRole('option').count()).toBe(8);
        expect(await log.textContent()).toContain('PASS ****');
        await shot(page, `connected-${scheme}`);

        await page.getByRole('button', { name: /Encrypted with TLSv1.3/ }).click();
        const viewer = page.getByRole('dialog', { name: 'Server certificate' });
        await viewer.waitFor();
        expect(await viewer.textContent()).toContain('Trusted because you chose “Always trust”');
        await shot(page, `certificate-viewer-${scheme}`);
        await viewer.getByRole('button', { name: 'Close' }).click();
      }
    },
    TIMEOUT,
  );

  it(
    'says why a connection failed in words a person can act on, and reconnects',
    async () => {
      const fake = new FakeServices();
      fake.nextConnect = { status: 'failed', host: 'ftp.example.com', port: 21, user: 'bob', error: { kind: 'auth-failed', message: '530 Login incorrect.', code: 530, phase: 'auth' } };
      const page = await open(fake);
      await bar(page).getByLabel('Host').fill('ftp.example.com');
      await bar(page).getByRole('button', { name: 'Connect', exact: true }).click();
      const pane = page.getByRole('region', { name: 'Remote pane' });
      await expect.poll(() => pane.getByRole('alert').textContent()).toBe('Login incorrect. Check the user name and password.');
      await shot(page, 'failed-light');
      fake.nextConnect = { ...fake.nextConnect, error: { kind: 'session-not-resumed', message: '522 SSL connection failed: session reuse required' } };
      await pane.getByRole('button', { name: 'Reconnect' }).click();
      await expect.poll(() => pane.getByRole('alert').textContent()).toBe(
        'The server requires TLS session reuse and the data connection could not resume it.',
      );
      expect(fake.calls).toContain('reconnect');
      await pane.getByRole('button', { name: 'Show log' }).click();
      expect(await page.getByRole('tab', { name: 'Log' }).getAttribute('aria-selected')).toBe('true');
    },
    TIMEOUT,
  );

  it(
    'shows listing progress, changes permissions through the chmod dialog and shows properties',
    async () => {
      const fake = new FakeServices();
      fake.nextConnect = connected;
      let release = () => undefined as void;
      fake.listGate = new Promise<void>((resolve) => (release = resolve));
      fake.listings.set('/home/alice', { path: '/home/alice', parent: '/home', entries });
      const page = await open(fake);
      await bar(page).getByLabel('Host').fill('ftp.example.com');
      await bar(page).getByLabel('Host').press('Enter');
      const status = page.getByRole('status', { name: 'Remote status' });
      await expect.poll(() => remoteGrid(page).getAttribute('aria-busy')).toBe('true');
      fake.listProgress.fire({ path: '/home/alice', entries: 12_345, bytes: 1_000_000 });
      await expect.poll(() => status.textContent()).toContain('Listing… 12,345 entries');
      release();
      fake.listGate = null;
      await expect.poll(() => remoteGrid(page).getAttribute('data-folder')).toBe('/home/alice');

      const row = remoteGrid(page).getByRole('row').filter({ hasText: 'report.pdf' });
      await row.click({ button: 'right' });
      await page.getByRole('menuitem', { name: 'Permissions…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Permissions of “report.pdf”' });
      expect(await dialog.getByLabel('Numeric value').inputValue()).toBe('644');
      await dialog.getByRole('checkbox', { name: 'Owner execute' }).check();
      await dialog.getByRole('checkbox', { name: 'Group execute' }).check();
      await dialog.getByRole('checkbox', { name: 'Others execute' }).check();
      expect(await dialog.getByLabel('Numeric value').inputValue()).toBe('755');
      await dialog.getByLabel('Numeric value').fill('750');
      expect(await dialog.getByRole('checkbox', { name: 'Others read' }).isChecked()).toBe(false);
      await shot(page, 'chmod-light');
      await dialog.getByRole('button', { name: 'Apply' }).click();
      await expect.poll(() => fake.calls.at(-1)).toBe('chmod /home/alice/report.pdf 750');
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

      await row.click({ button: 'right' });
      await page.getByRole('menuitem', { name: 'Properties' }).click();
      const properties = page.getByRole('dialog', { name: 'Properties of “report.pdf”' });
      expect(await properties.textContent()).toContain('/home/alice/report.pdf');
      expect(await properties.textContent()).toContain('alice');
      await properties.press('Escape');
    },
    TIMEOUT,
  );

  it(
    'saves a site from the Site Manager: inline validation, the password through a newly created vault',
    async () => {
      for (const scheme of ['light', 'dark'] as const) {
        const fake = new FakeServices();
        fake.sites = [
          { id: 'a1', name: 'Archive', folder: 'Work/Clients', host: 'archive.example.com', tlsMode: 'implicit', minTlsVersion: '1.2', dataProtection: 'private', clearCommandChannel: false, transferMode: 'passive', connectionLimit: 2, charset: 'auto', user: 'bob', passwordMode: 'ask' },
        ];
        const page = await open(fake, scheme);
        await page.getByRole('button', { name: 'Site Manager', exact: true }).click();
        const manager = page.getByRole('dialog', { name: 'Site Manager' });
        await manager.waitFor();
        expect(await manager.getByRole('treeitem', { name: 'Archive' }).getAttribute('aria-level')).toBe('4');
        await manager.getByRole('button', { name: 'New site' }).click();
        await manager.getByRole('button', { name: 'Save' }).click();
        await expect.poll(() => manager.getByText('Enter a host name or address').count()).toBe(1);
        expect(await manager.getByLabel('Host').getAttribute('aria-invalid')).toBe('true');
        await manager.getByLabel('Name').fill('Production');
        await manager.getByLabel('Host').fill('ftp.example.com');
        await manager.getByLabel('User').fill('alice');
        await manager.getByLabel('Password', { exact: true }).fill('s3cret');
        await manager.getByRole('tab', { name: 'Security' }).click();
        await manager.getByLabel('Minimum TLS version').selectOption('1.3');
        await shot(page, `site-manager-security-${scheme}`);
        await manager.getByRole('tab', { name: 'General' }).click();
        await shot(page, `site-manager-${scheme}`);
        await manager.getByRole('button', { name: 'Save' }).click();
        const master = page.getByRole('dialog', { name: 'Create a master password' });
        await master.getByLabel('Master password', { exact: true }).fill('a long master password');
        await master.getByLabel('Repeat master password').fill('a long master password');
        await master.getByRole('button', { name: 'Create' }).click();
        await expect.poll(() => fake.calls.find((call) => call.startsWith('save Production'))).toBe('save Production secrets={"password":"s3cret"}');
        expect(fake.sites.find((site) => site.name === 'Production')?.minTlsVersion).toBe('1.3');
        await expect.poll(() => manager.getByRole('treeitem', { name: 'Production' }).getAttribute('aria-selected')).toBe('true');
        await manager.getByRole('button', { name: 'Close' }).click();
      }
    },
    TIMEOUT,
  );
});
