// A throwaway PKI for the trust tests, made with the openssl CLI: a CA and leaf certificates
// with chosen dates, keys, names and digests. `openssl ca` takes explicit -startdate/-enddate,
// which `openssl x509 -days` cannot (no negative days), so expired and future certificates
// need no faked clock.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface IssueOptions {
  /** Common name; also the only SAN unless `san` says otherwise. */
  readonly cn?: string;
  /** subjectAltName value, e.g. `DNS:localhost,IP:127.0.0.1`; empty string for none. */
  readonly san?: string;
  /** `ec` (P-256, the default), `rsa2048`, `rsa1024`, `ec224`, or the path of an existing key to re-use. */
  readonly key?: string;
  readonly md?: 'sha256' | 'sha1';
  /** Days from now; negative for the past. Defaults −1 → +30. */
  readonly fromDays?: number;
  readonly toDays?: number;
  /** Sign with its own key instead of the CA's. */
  readonly selfSigned?: boolean;
}

export interface Issued {
  readonly pem: string;
  readonly der: Buffer;
  readonly keyPath: string;
}

/** `YYYYMMDDHHMMSSZ`, as `openssl ca -startdate` wants it. */
function opensslDate(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().replace(/[-:T]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** A CA in `dir` that issues leaves on demand. */
export class TestPki {
  readonly caPem: string;
  private count = 0;

  constructor(private readonly dir: string) {
    mkdirSync(path.join(dir, 'newcerts'), { recursive: true });
    writeFileSync(path.join(dir, 'index.txt'), '');
    writeFileSync(path.join(dir, 'serial'), '1000\n');
    writeFileSync(
      path.join(dir, 'ca.cnf'),
      [
        '[ca]', 'default_ca = test_ca',
        '[test_ca]', `dir = ${dir}`, 'database = $dir/index.txt', 'new_certs_dir = $dir/newcerts', 'serial = $dir/serial',
        'policy = policy_any', 'default_md = sha256', 'unique_subject = no', 'copy_extensions = none',
        '[policy_any]', 'commonName = supplied',
      ].join('\n'),
    );
    this.openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem',
      '-days', '3', '-sha256', '-subj', '/CN=Sluice Trust Test CA/O=Sluice tests',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    this.caPem = readFileSync(path.join(dir, 'ca.pem'), 'utf8');
  }

  /** Issues one certificate. */
  issue(options: IssueOptions = {}): Issued {
    const name = `leaf${++this.count}`;
    const cn = options.cn ?? 'localhost';
    const keyPath = this.key(name, options.key ?? 'ec');
    const san = options.san ?? `DNS:${cn}`;
    writeFileSync(path.join(this.dir, `${name}.ext`), ['basicConstraints=CA:FALSE', 'keyUsage=critical,digitalSignature,keyEncipherment', ...(san ? [`subjectAltName=${san}`] : [])].join('\n'));
    this.openssl(['req', '-new', '-key', keyPath, '-subj', `/CN=${cn}`, '-out', `${name}.csr`]);
    this.openssl([
      'ca', '-batch', '-config', 'ca.cnf', '-notext', '-in', `${name}.csr`, '-out', `${name}.pem`, '-extfile', `${name}.ext`,
      '-md', options.md ?? 'sha256', '-startdate', opensslDate(options.fromDays ?? -1), '-enddate', opensslDate(options.toDays ?? 30),
      ...(options.selfSigned ? ['-selfsign', '-keyfile', keyPath] : ['-cert', 'ca.pem', '-keyfile', 'ca.key']),
    ]);
    const pem = readFileSync(path.join(this.dir, `${name}.pem`), 'utf8');
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    return { pem, der, keyPath };
  }

  private key(name: string, kind: string): string {
    if (kind.includes('/')) return kind;
    const keyPath = path.join(this.dir, `${name}.key`);
    const args: Record<string, string[]> = {
      ec: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1'],
      ec224: ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:secp224r1'],
      rsa2048: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'],
      rsa1024: ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024'],
    };
    const chosen = args[kind];
    if (chosen === undefined) throw new Error(`unknown key kind ${kind}`);
    this.openssl(['genpkey', ...chosen, '-out', keyPath]);
    return keyPath;
  }

  private openssl(args: string[]): void {
    execFileSync('openssl', args, { cwd: this.dir, stdio: ['ignore', 'ignore', 'pipe'] });
  }
}
