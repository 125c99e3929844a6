import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../app/cli/command';
import { certCommand, hostPortText, parseHostPort } from '../../../app/cli/commands/cert';
import { openTrust } from '../../../app/cli/trust';
import { certificateDetails } from '../../../main/trust/certificate-info';
import type { PinRecord } from '../../../shared/services/trust';
import { makeTempDir } from '../../support/temp-dir';

const temp = makeTempDir();
afterAll(() => temp.remove());
execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=ftp.example.org',
  '-keyout', path.join(temp.path, 'key.pem'), '-out', path.join(temp.path, 'cert.pem')], { stdio: 'ignore' });
const leaf = new X509Certificate(readFileSync(path.join(temp.path, 'cert.pem')));

function capture(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', env: {}, isTty: false, out: (text: string) => void (io.stdout += text), err: (text: string) => void (io.stderr += text) };
  return io;
}

describe('sluice cert', () => {
  it('reads HOST:PORT and [IPv6]:PORT', () => {
    expect(parseHostPort('ftp.example.org:21')).toEqual({ host: 'ftp.example.org', port: 21 });
    expect(parseHostPort('[::1]:990')).toEqual({ host: '::1', port: 990 });
    expect(() => parseHostPort('::1:990')).toThrow(/HOST:PORT/);
    expect(() => parseHostPort('ftp.example.org')).toThrow(/HOST:PORT/);
    expect(() => parseHostPort('ftp.example.org:0')).toThrow(/HOST:PORT/);
    expect(hostPortText('::1', 21)).toBe('[::1]:21');
  });

  it('lists pins (text and JSON) and removes them from the store in --data-dir', async () => {
    const dataDir = path.join(temp.path, 'data');
    const trust = openTrust(dataDir, [], () => undefined);
    const empty = capture();
    expect(await certCommand.run(['list', '--data-dir', dataDir], empty)).toBe(0);
    expect(empty.stdout).toMatch(/^No pinned certificates/);

    const info = { host: 'ftp.example.org', port: 21, tlsVersion: 'TLSv1.3', cipher: 'x', reasons: [] };
    await trust.pin({ ...info, chain: [certificateDetails(leaf.raw)] }, 'dialog');

    const text = capture();
    expect(await certCommand.run(['list', '--data-dir', dataDir], text)).toBe(0);
    expect(text.stdout).toContain('ftp.example.org:21');
    expect(text.stdout).toContain(leaf.fingerprint256);
    expect(text.stdout).toContain('from the certificate dialog');
    const json = capture();
    expect(await certCommand.run(['list', '--json', '--data-dir', dataDir], json)).toBe(0);
    expect(JSON.parse(json.stdout) as PinRecord[]).toMatchObject([{ host: 'ftp.example.org', port: 21, sha256: leaf.fingerprint256 }]);

    const removed = capture();
    expect(await certCommand.run(['remove', 'FTP.example.org:21', '--data-dir', dataDir], removed)).toBe(0);
    expect(await trust.listPins()).toEqual([]);
    const again = capture();
    expect(await certCommand.run(['remove', 'ftp.example.org:21', '--data-dir', dataDir], again)).toBe(1);
    expect(again.stderr).toContain('no certificate is pinned for ftp.example.org:21');
  });

  it('refuses an unknown action with exit code 2', async () => {
    const io = capture();
    expect(await certCommand.run(['add'], io)).toBe(2);
    expect(io.stderr).toContain('"list" or "remove"');
  });
});
