import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SecureVersion } from 'node:tls';
import type { ClientCertificate } from '../../main/ftp/policy';
import { defaultDataDir } from '../common/data-dir';

/** The TLS options every FTPS command of the CLI takes, as parseArgs declares them. */
export const tlsFlagOptions = {
  ca: { type: 'string', multiple: true },
  trust: { type: 'string', multiple: true },
  'client-cert': { type: 'string' },
  'client-key': { type: 'string' },
  'tls-min': { type: 'string' },
  'data-dir': { type: 'string' },
} as const;

export const tlsFlagsUsage = `TLS options:
  --ca FILE             also trust the CA certificates in this PEM file (repeatable)
  --trust SHA256        trust the server certificate with this SHA-256 fingerprint (repeatable)
  --client-cert FILE    log in with a client certificate: PEM (with --client-key) or PKCS#12 (.p12/.pfx);
                        a key passphrase comes from SLUICE_KEY_PASSPHRASE
  --client-key FILE     the PEM private key of --client-cert
  --tls-min VERSION     oldest TLS version accepted: 1.2 (default) or 1.3
  --data-dir DIR        where the trust store (pinned certificates) lives; default $XDG_DATA_HOME/sluice
Certificates pinned in the trust store (see "sluice cert") are trusted. Otherwise, without --ca or
--trust, an untrusted certificate is asked about on a terminal ([o]nce / [a]lways, which pins it)
and refused without one.`;

const versions: Readonly<Record<string, SecureVersion>> = { '1.2': 'TLSv1.2', '1.3': 'TLSv1.3' };

/** Minimum TLS version from `--tls-min`. */
export function minVersionOf(flag: string | undefined): SecureVersion | undefined {
  if (flag === undefined) return undefined;
  const version = versions[flag.replace(/^TLSv?/i, '')];
  if (!version) throw new Error(`--tls-min takes 1.2 or 1.3, not ${flag}`);
  return version;
}

/** The data directory from `--data-dir`, else the XDG default the app's web shell uses too. */
export function dataDirOf(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag === undefined) return defaultDataDir(env);
  if (flag.trim() === '') throw new Error('--data-dir needs a folder');
  return path.resolve(flag);
}

/** Extra roots from `--ca` files. */
export function readCaFiles(files: readonly string[] | undefined): string[] {
  return (files ?? []).map((file) => {
    const pem = readFileSync(file, 'utf8');
    if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`${file} holds no PEM certificate`);
    return pem;
  });
}

/** The client certificate from `--client-cert` (and `--client-key`). */
export function readClientCertificate(certFile: string | undefined, keyFile: string | undefined, env: NodeJS.ProcessEnv): ClientCertificate | undefined {
  if (certFile === undefined) {
    if (keyFile !== undefined) throw new Error('--client-key needs --client-cert');
    return undefined;
  }
  const passphrase = env.SLUICE_KEY_PASSPHRASE;
  const extra = passphrase === undefined ? {} : { passphrase };
  if (/\.(p12|pfx)$/i.test(path.extname(certFile))) return { format: 'pkcs12', pfx: readFileSync(certFile), ...extra };
  if (keyFile === undefined) throw new Error('--client-cert with a PEM file needs --client-key');
  return { format: 'pem', cert: readFileSync(certFile), key: readFileSync(keyFile), ...extra };
}
