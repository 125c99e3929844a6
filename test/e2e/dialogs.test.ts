import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fakeCertificate, fakeCertificateInfo, FakeServices } from './fake-shell';
import { useFakeShellPages } from './fake-shell-pages';

/**
 * The session dialogs and states, driven in Chromium over the real transport with scripted
 * services: what each dialog says, which answer each button sends, and the keyboard.
 * Screenshots land in /tmp/sluice-*.png for a look at both colour schemes.
 */

const TIMEOUT = 60_000;
const open = useFakeShellPages();

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/sluice-${name}.png` });

describe('certificate dialogs', () => {
  it(
    'shows an unknown certificate with reasons, chain and fingerprints; Escape rejects, Always trust pins',
    async () => {
      const fake = new FakeServices();
      for (const scheme of ['light', 'dark'] as const) {
        const page = await open(fake, scheme);
        fake.ask({ id: `u-${scheme}`, kind: 'certificate-unknown', certificate: fakeCertificateInfo(['unknown-issuer', 'name-mismatch'], { validTo: Date.now() - 1000 }) });
        const dialog = page.getByRole('dialog', { name: 'Unknown certificate' });
        await dialog.waitFor();
        expect(await dialog.getAttribute('aria-modal')).toBe('true');
        const text = await dialog.textContent();
        expect(text).toContain('127.0.0.1:2121');
        expect(text).toContain('issued by an authority this computer does not know');
        expect(text).toContain('The name 127.0.0.1 does not match the names in the certificate (localhost, 127.0.0.1)');
        expect(text).toContain('Expired!');
        expect(text).toContain('TLSv1.3');
        expect(text).toContain('TLS_AES_256_GCM_SHA384');
        expect(await dialog.getByLabel('SHA-256 fingerprint').textContent()).toBe(fakeCertificate().sha256);
        await shot(page, `certificate-unknown-${scheme}`);

        // The chain selector shows the root's own fingerprint.
        await dialog.getByRole('tab', { name: /Root/ }).click();
        expect(await dialog.getByLabel('SHA-256 fingerprint').textContent()).toMatch(/^11:22:33/);
        await dialog.getByRole('tab', { name: /Server/ }).click();

        if (scheme === 'light') {
          await page.keyboard.press('Escape');
          await expect.poll(() => fake.answers.at(-1)).toEqual({ id: 'u-light', answer: { kind: 'certificate', decision: 'reject' } });
        } else {
          await dialog.getByRole('button', { name: 'Always trust' }).click();
          await expect.poll(() => fake.answers.at(-1)).toEqual({ id: 'u-dark', answer: { kind: 'certificate', decision: 'trust-always' } });
        }
        await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
      }
    },
    TIMEOUT,
  );

  it(
    'warns louder about a changed certificate, old and new side by side, with Cancel as the default',
    async () => {
      const fake = new FakeServices();
      for (const scheme of ['light', 'dark'] as const) {
        const page = await open(fake, scheme);
        const previous = fakeCertificate({ sha256: 'OLD:OLD:OLD', issuer: { commonName: 'Old CA', text: 'CN=Old CA' } });
        fake.ask({
          id: `c-${scheme}`,
          kind: 'certificate-changed',
          certificate: fakeCertificateInfo(['unknown-issuer'], { sha256: 'NEW:NEW:NEW' }),
          previous: {
            host: '127.0.0.1',
            port: 2121,
            sha256: 'OLD:OLD:OLD',
            pem: '',
            subject: 'CN=localhost',
            issuer: 'CN=Old CA',
            validTo: Date.now() + 1e9,
            firstSeen: Date.now() - 1e9,
            lastSeen: Date.now() - 1e6,
            decidedBy: 'dialog',
            details: previous,
          },
          samePublicKey: false,
        });
        const dialog = page.getByRole('alertdialog', { name: "The server's certificate has changed" });
        await dialog.waitFor();
        expect(await dialog.getByRole('region', { name: 'Trusted before' }).getByLabel('SHA-256 fingerprint').textContent()).toBe('OLD:OLD:OLD');
        expect(await dialog.getByRole('region', { name: 'Presented now' }).getByLabel('SHA-256 fingerprint').textContent()).toBe('NEW:NEW:NEW');
        expect(await dialog.textContent()).toContain('Same public key: no.');
        // Cancel has the focus: Enter pressed out of habit refuses.
        await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
        await shot(page, `certificate-changed-${scheme}`);
        await page.keyboard.press('Enter');
        await expect.poll(() => fake.answers.at(-1)).toEqual({ id: `c-${scheme}`, answer: { kind: 'certificate', decision: 'reject' } });
      }
    },
    TIMEOUT,
  );
});

describe('connection prompts', () => {
  it(
    'says what travels in clear, and offers "don\'t ask again" only for a site',
    async () => {
      const fake = new FakeServices();
      const page = await open(fake);
      fake.ask({ id: 'i1', kind: 'insecure-connection', host: 'ftp.example.com', port: 21, reason: 'tls-refused' });
      const dialog = page.getByRole('alertdialog');
      await dialog.waitFor();
      const text = await dialog.textContent();
      expect(text).toContain('refused to encrypt');
      expect(text).toContain('your user name and password');
      expect(text).toContain('the contents of every file you transfer');
      expect(await dialog.getByRole('checkbox').count()).toBe(0);
      await shot(page, 'insecure-light');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect.poll(() => fake.answers.at(-1)?.answer).toEqual({ kind: 'insecure', proceed: false, remember: false });

      fake.ask({ id: 'i2', kind: 'insecure-connection', host: 'ftp.example.com', port: 21, reason: 'plain-site', siteId: 's1' });
      const second = page.getByRole('alertdialog', { name: 'Connect without encryption?' });
      await second.waitFor();
      expect(await second.textContent()).toContain('This site is set to use plain FTP');
      await second.getByRole('checkbox', { name: "Don't ask again for this site" }).check();
      await second.getByRole('button', { name: 'Connect anyway' }).click();
      await expect.poll(() => fake.answers.at(-1)?.answer).toEqual({ kind: 'insecure', proceed: true, remember: true });
    },
    TIMEOUT,
  );

  it(
    'asks for a password (masked), remembering it only through the vault after unlocking it',
    async () => {
      const fake = new FakeServices();
      fake.vault = { kind: 'master-password', locked: false, initialized: false };
      const page = await open(fake, 'dark');
      fake.ask({ id: 'p1', kind: 'password', host: 'ftp.example.com', port: 21, user: 'alice', siteName: 'Example' });
      const dialog = page.getByRole('dialog', { name: 'Enter password' });
      await dialog.waitFor();
      const field = dialog.getByLabel('Password', { exact: true });
      expect(await field.getAttribute('type')).toBe('password');
      await field.fill('s3cret');
      await dialog.getByRole('checkbox', { name: 'Remember this password' }).check();
      await shot(page, 'password-dark');
      await field.press('Enter');
      // No master password yet: it is created first (twice, with a strength hint).
      const master = page.getByRole('dialog', { name: 'Create a master password' });
      await master.waitFor();
      await master.getByLabel('Master password', { exact: true }).fill('correct horse battery');
      expect(await master.textContent()).toContain('Strong');
      await master.getByLabel('Repeat master password').fill('correct horse battery');
      await shot(page, 'master-password-dark');
      await master.getByRole('button', { name: 'Create' }).click();
      await expect.poll(() => fake.answers.at(-1)?.answer).toEqual({ kind: 'password', password: 's3cret', remember: true });
      expect(fake.masterPassword).toBe('correct horse battery');
    },
    TIMEOUT,
  );

  it(
    'shows one request at a time, oldest first, and drops one the engine gave up on',
    async () => {
      const fake = new FakeServices();
      const page = await open(fake);
      fake.ask({ id: 'a', kind: 'password', host: 'one.example', port: 21, user: 'u' });
      fake.ask({ id: 'b', kind: 'password', host: 'two.example', port: 21, user: 'u' });
      await expect.poll(async () => (await page.getByRole('dialog').textContent()) ?? '').toContain('one.example');
      fake.settled.fire({ id: 'a', outcome: 'timed-out' });
      await expect.poll(async () => (await page.getByRole('dialog').textContent()) ?? '').toContain('two.example');
      await page.keyboard.press('Escape');
      await expect.poll(() => fake.answers.at(-1)).toEqual({ id: 'b', answer: { kind: 'password', password: null, remember: false } });
    },
    TIMEOUT,
  );
});
