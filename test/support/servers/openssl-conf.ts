// Pins a server's TLS version for servers without a config knob for it (vsftpd 3.0.3 only
// has ssl_tlsv1/ssl_sslv*; pure-ftpd has none). OpenSSL >= 1.1 applies the
// `system_default` section of the file named by OPENSSL_CONF to every SSL_CTX it creates.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

const NAMES = { '1.2': 'TLSv1.2', '1.3': 'TLSv1.3' } as const;

/** Writes an openssl.cnf pinning min = max = version; returns env to pass to the server. */
export async function pinTlsVersionEnv(dir: string, version: '1.2' | '1.3' | undefined): Promise<Record<string, string>> {
  const min = version ? NAMES[version] : 'TLSv1.2';
  const max = version ? NAMES[version] : 'TLSv1.3';
  const file = path.join(dir, 'openssl.cnf');
  await writeFile(file, [
    'openssl_conf = openssl_init',
    '[openssl_init]',
    'ssl_conf = ssl_sect',
    '[ssl_sect]',
    'system_default = system_default_sect',
    '[system_default_sect]',
    `MinProtocol = ${min}`,
    `MaxProtocol = ${max}`,
    'CipherString = DEFAULT:@SECLEVEL=2',
    '',
  ].join('\n'));
  return { OPENSSL_CONF: file };
}
