import { FtpClient, type ConnectOptions } from '../../main/ftp/client';
import { defaultPort } from '../../main/ftp/policy';
import { ConnectionPool } from '../../main/pool/connection-pool';
import { policyOf } from '../../main/session/connect-target';
import { joinRemote } from '../../main/session/remote-path';
import { findSite } from '../../main/sites/find-site';
import { createSitesService, type NodeSitesService } from '../../main/sites/sites-service';
import { SluiceError } from '../../shared/errors';
import type { SiteProfile } from '../../shared/services/sites';
import type { CliIo } from './command';
import { credentialsFor, type Ask } from './password';
import type { RemoteTarget } from './remote-target';
import { dataDirOf, minVersionOf, readCaFiles, readClientCertificate, tlsFlagOptions, tlsFlagsUsage } from './tls-flags';
import { cliVerifier, normalizeFingerprint, openTrust, type Distrust } from './trust';

/** The options of every command that talks to a server: TLS and trust, the data folder, a timeout. */
export const remoteFlagOptions = { ...tlsFlagOptions, timeout: { type: 'string' } } as const;

/** Their part of a command's usage. */
export const remoteFlagsUsage = `Remote places: ftpes://user@host/path (explicit TLS, required), ftps://… (implicit TLS,
port 990), ftp://… (no encryption), or SITE-NAME:/path for a saved site (see "sluice sites").
The password comes from the URL, the vault (saved sites; master password from
SLUICE_MASTER_PASSWORD or a prompt), SLUICE_PASSWORD, or a prompt on a terminal.
  --timeout SECONDS     connect, reply and data-stall timeout (default 30)
${tlsFlagsUsage}`;

/** The values of `remoteFlagOptions` after parseArgs. */
export interface RemoteFlags {
  readonly ca?: string[] | undefined;
  readonly trust?: string[] | undefined;
  readonly 'client-cert'?: string | undefined;
  readonly 'client-key'?: string | undefined;
  readonly 'tls-min'?: string | undefined;
  readonly 'data-dir'?: string | undefined;
  readonly timeout?: string | undefined;
}

/** A server ready to connect to, and the remote path the command named. */
export interface RemoteSite {
  readonly connect: ConnectOptions;
  readonly path: string;
  /** A saved site's parallel-connection limit. */
  readonly connectionLimit?: number;
  /** One sentence for a failure; names the fingerprint to pin when the certificate was refused. */
  explain(error: unknown): string;
}

/** Resolves a URL or a saved site, with the command's flags, into connect options (prompts for secrets as needed). */
export async function resolveRemote(target: RemoteTarget, flags: RemoteFlags, io: CliIo, ask: Ask): Promise<RemoteSite> {
  const timeoutSeconds = Number(flags.timeout ?? 30);
  if (!(timeoutSeconds > 0)) throw new Error(`--timeout takes a number of seconds, not ${flags.timeout}`);
  const ms = timeoutSeconds * 1000;
  const dataDir = dataDirOf(flags['data-dir'], io.env);
  const extraCa = readCaFiles(flags.ca);
  const minVersion = minVersionOf(flags['tls-min']);
  const verifier = cliVerifier({ trust: openTrust(dataDir, extraCa, io.err), pins: (flags.trust ?? []).map(normalizeFingerprint), isTty: io.isTty, ask });
  const common = {
    timeouts: { connectMs: ms, replyMs: ms, tlsMs: ms },
    verifyServer: verifier.verify,
  };
  const explain = (error: unknown): string => explainFailure(error, verifier.distrust());
  if (target.kind === 'url') {
    const { url } = target;
    if (url.mode === 'plain') io.err('Warning: ftp:// is not encrypted — your password and files travel in clear. Use ftpes:// or ftps:// if the server supports TLS.\n');
    const credentials = await credentialsFor(url, io, ask);
    const clientCertificate = readClientCertificate(flags['client-cert'], flags['client-key'], io.env);
    const connect: ConnectOptions = {
      ...common,
      host: url.host,
      port: url.port,
      user: credentials.user,
      password: credentials.password,
      policy: { mode: url.mode, extraCa, ...(minVersion ? { minVersion } : {}), ...(clientCertificate ? { clientCertificate } : {}) },
      data: { connectTimeoutMs: ms, stallTimeoutMs: ms },
    };
    return { connect, path: target.path, explain };
  }
  const sites = createSitesService({ dataDir, onCorruptFile: (report) => io.err(`Warning: ${report.file} was damaged (${report.reason}); it was moved to ${report.movedTo}.\n`) });
  const site = findSite(await sites.list(), target.site);
  const secrets = await secretsOf(sites, site, io, ask);
  const policy = await policyOf(site, secrets.passphrase ?? io.env.SLUICE_KEY_PASSPHRASE);
  const connect: ConnectOptions = {
    ...common,
    host: site.host,
    port: site.port ?? defaultPort(site.tlsMode),
    user: site.user || 'anonymous',
    password: await sitePassword(site, secrets.password, io, ask),
    ...(site.account ? { account: site.account } : {}),
    charset: site.charset,
    policy: { ...policy, extraCa, ...(minVersion ? { minVersion } : {}) },
    data: { mode: site.transferMode, connectTimeoutMs: ms, stallTimeoutMs: ms },
  };
  return { connect, path: sitePath(site, target.path), connectionLimit: site.connectionLimit, explain };
}

/** Connects one client; the caller quits it. */
export async function connectClient(remote: RemoteSite): Promise<FtpClient> {
  const client = new FtpClient();
  await client.connect(remote.connect);
  return client;
}

/** Connects, runs `work`, and says QUIT whatever happened. */
export async function withClient<T>(remote: RemoteSite, work: (client: FtpClient) => Promise<T>): Promise<T> {
  const client = await connectClient(remote);
  try {
    return await work(client);
  } finally {
    await client.quit();
  }
}

/** A pool of `size` connections to the site; the certificate is decided once. */
export function openPool(remote: RemoteSite, size: number): ConnectionPool {
  return new ConnectionPool({ connect: remote.connect, size });
}

/** The path a site target names: absolute, or relative to the site's remote folder. */
function sitePath(site: SiteProfile, path: string | undefined): string {
  const base = site.remoteFolder ?? '/';
  if (path === undefined) return base;
  return path.startsWith('/') ? path : joinRemote(base, path);
}

/** The site's saved secrets, unlocking the master-password vault first when it must. */
async function secretsOf(sites: NodeSitesService, site: SiteProfile, io: CliIo, ask: Ask): Promise<{ password?: string; passphrase?: string }> {
  try {
    return await sites.resolveCredentials(site.id);
  } catch (error) {
    if (!(error instanceof SluiceError) || error.kind !== 'vault-locked') throw error;
  }
  const fromEnv = io.env.SLUICE_MASTER_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') await sites.unlockVault(fromEnv);
  else if (io.isTty) await sites.unlockVault(await ask('Master password of the Sluice vault: ', { hidden: true }));
  else throw new Error('The password vault is locked: set SLUICE_MASTER_PASSWORD or run on a terminal to be asked');
  return sites.resolveCredentials(site.id);
}

/** The saved password, else SLUICE_PASSWORD or a prompt (sites set to "ask"); anonymous sites need none. */
async function sitePassword(site: SiteProfile, saved: string | undefined, io: CliIo, ask: Ask): Promise<string> {
  if (site.passwordMode === 'saved' && saved !== undefined) return saved;
  const user = site.user || 'anonymous';
  if (user === 'anonymous') return 'anonymous@';
  return (await credentialsFor({ mode: site.tlsMode, host: site.host, port: site.port ?? defaultPort(site.tlsMode), user, path: '/' }, io, ask)).password;
}

/** What went wrong, in a sentence; a refused certificate names its fingerprint and how to trust it. */
export function explainFailure(error: unknown, distrust: Distrust | undefined): string {
  if (distrust !== undefined) {
    return (
      `the server's certificate is not trusted (${distrust.reason}). Its SHA-256 fingerprint is ${distrust.fingerprint}; ` +
      `if you know it is right, run again with --trust ${distrust.fingerprint} (or --ca FILE with the issuing CA).`
    );
  }
  return describeError(error);
}

/** An error's message with its FTP code, e.g. "RETR failed: 550 No such file". */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
