import { readFile } from 'node:fs/promises';
import type { ClientCertificate, SecurityPolicy } from '../ftp/policy';
import { defaultPort } from '../ftp/policy';
import type { CharsetSetting } from '../ftp/features';
import { SluiceError } from '../../shared/errors';
import type { ConnectTarget } from '../../shared/services/session';
import type { SiteProfile } from '../../shared/services/sites';
import type { SiteSource } from './ports';

/** Everything a connection needs, whether it came from a saved site or the quick-connect bar. */
export interface ResolvedTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** Absent: ask the person. */
  readonly password?: string;
  readonly account?: string;
  readonly policy: SecurityPolicy;
  readonly charset: CharsetSetting;
  readonly transferMode: 'passive' | 'active';
  readonly site?: SiteProfile;
  readonly remoteFolder?: string;
}

/** Resolves a connect request into engine settings, reading client-certificate files. */
export async function resolveTarget(target: ConnectTarget, sites: SiteSource): Promise<ResolvedTarget> {
  if (target.kind === 'quick') {
    return {
      host: target.host,
      port: target.port ?? defaultPort(target.tlsMode),
      user: target.user || 'anonymous',
      ...(target.password !== undefined ? { password: target.password } : target.user ? {} : { password: 'anonymous@' }),
      policy: { mode: target.tlsMode },
      charset: 'auto',
      transferMode: 'passive',
    };
  }
  const site = await sites.site(target.siteId);
  if (!site) throw new SluiceError('not-found', 'That site no longer exists');
  const secrets = await sites.secrets(site.id);
  return {
    host: site.host,
    port: site.port ?? defaultPort(site.tlsMode),
    user: site.user || 'anonymous',
    ...(site.passwordMode === 'saved' && secrets.password !== undefined ? { password: secrets.password } : {}),
    ...(site.account ? { account: site.account } : {}),
    policy: await policyOf(site, secrets.passphrase),
    charset: site.charset,
    transferMode: site.transferMode,
    site,
    ...(site.remoteFolder ? { remoteFolder: site.remoteFolder } : {}),
  };
}

/** A site's security settings as the engine takes them. */
export async function policyOf(site: SiteProfile, passphrase: string | undefined): Promise<SecurityPolicy> {
  const clientCertificate = site.clientCertificate ? await readClientCertificate(site.clientCertificate, passphrase) : undefined;
  return {
    mode: site.tlsMode,
    minVersion: site.minTlsVersion === '1.3' ? 'TLSv1.3' : 'TLSv1.2',
    // PROT C "for listings only" still protects every transfer; the engine protects all data
    // connections here until per-command protection lands with the transfer queue.
    dataProtection: site.dataProtection === 'clear' ? 'C' : 'P',
    clearCommandChannel: site.clearCommandChannel,
    ...(clientCertificate ? { clientCertificate } : {}),
  };
}

async function readClientCertificate(
  certificate: NonNullable<SiteProfile['clientCertificate']>,
  passphrase: string | undefined,
): Promise<ClientCertificate> {
  const withPassphrase = passphrase === undefined ? {} : { passphrase };
  try {
    if (/\.(p12|pfx)$/i.test(certificate.file)) return { format: 'pkcs12', pfx: await readFile(certificate.file), ...withPassphrase };
    const cert = await readFile(certificate.file);
    const key = await readFile(certificate.keyFile ?? certificate.file);
    return { format: 'pem', cert, key, ...withPassphrase };
  } catch (error) {
    throw new SluiceError('not-found', `The site's client certificate could not be read: ${(error as Error).message}`);
  }
}
