import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultPort } from '../../../main/ftp/policy';
import { findSite } from '../../../main/sites/find-site';
import { createSitesService, type NodeSitesService } from '../../../main/sites/sites-service';
import type { SiteDraft, SiteProfile, TlsMode } from '../../../shared/services/sites';
import { defaultDataDir } from '../../common/data-dir';
import type { CliCommand, CliIo } from '../command';
import { parseFtpUrl, type FtpUrl } from '../ftp-url';
import { credentialsFor, type Ask } from '../password';
import { askOnTerminal } from '../prompt';

const usage = `Usage: sluice sites list [--json]
       sluice sites add NAME URL [--folder F] [--ask-password] [--connections N]
       sluice sites remove NAME|ID

Saved sites, shared with the desktop app's Site Manager when they use the same data folder.
URL schemes: ftpes:// (explicit TLS, required), ftps:// (implicit TLS, port 990),
ftp:// (no encryption: your password travels in clear).

add: the password comes from the URL, SLUICE_PASSWORD or a prompt, and is kept only in the
encrypted vault (vault.json), never in sites.json. The vault's master password comes from
SLUICE_MASTER_PASSWORD or a prompt; the first save chooses it.

Options:
  --json             list: print the sites as JSON
  --folder F         add: the Site Manager folder, e.g. Work/Clients
  --ask-password     add: save no password; ask for it at every connection
  --connections N    add: parallel connections for transfers, 1–10 (default 2)
  --data-dir DIR     where sites.json and vault.json live (default: $XDG_DATA_HOME/sluice)`;

/** `sluice sites list|add|remove`: saved site profiles; secrets go to the vault. */
export const sitesCommand: CliCommand = {
  name: 'sites',
  summary: 'list, add and remove saved sites (passwords in the encrypted vault)',
  usage,

  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        folder: { type: 'string' },
        'ask-password': { type: 'boolean' },
        connections: { type: 'string' },
        'data-dir': { type: 'string' },
      },
    });
    const [action, ...rest] = positionals;
    const dataDir = values['data-dir'] !== undefined ? path.resolve(values['data-dir']) : defaultDataDir(io.env);
    const sites = createSitesService({
      dataDir,
      onCorruptFile: (report) => io.err(`Warning: ${report.file} was damaged (${report.reason}); it was moved to ${report.movedTo}.\n`),
    });
    switch (action) {
      case 'list':
        expectArguments(rest, 0, 'sites list takes no arguments');
        return listSites(sites, io, values.json === true);
      case 'add': {
        expectArguments(rest, 2, 'sites add takes a NAME and a URL, e.g. sluice sites add Work ftpes://me@ftp.example.com');
        const options = { folder: values.folder ?? '', askPassword: values['ask-password'] === true, connections: connectionsOf(values.connections) };
        return addSite(sites, io, askOnTerminal, rest[0]!, parseFtpUrl(rest[1]!), options);
      }
      case 'remove':
        expectArguments(rest, 1, 'sites remove takes one site name or id');
        return removeSite(sites, io, rest[0]!);
      default:
        io.err(`${usage}\n`);
        return 2;
    }
  },
};

function expectArguments(given: readonly string[], count: number, message: string): void {
  if (given.length !== count) throw new Error(message);
}

function connectionsOf(text: string | undefined): number {
  if (text === undefined) return 2;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 10) throw new Error(`--connections takes a whole number from 1 to 10, not ${text}`);
  return value;
}

async function listSites(sites: NodeSitesService, io: CliIo, json: boolean): Promise<number> {
  const list = await sites.list();
  if (json) {
    io.out(`${JSON.stringify(list, null, 2)}\n`);
    return 0;
  }
  if (list.length === 0) {
    io.out('No saved sites. Add one with: sluice sites add NAME URL\n');
    return 0;
  }
  const rows = [['NAME', 'FOLDER', 'ADDRESS', 'USER', 'PASSWORD', 'ID'], ...list.map((site) => [site.name, site.folder, siteAddress(site), site.user, site.passwordMode, site.id])];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  io.out(rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n') + '\n');
  return 0;
}

const schemeByMode: Readonly<Record<TlsMode, string>> = { explicit: 'ftpes', implicit: 'ftps', 'explicit-if-available': 'ftp', plain: 'ftp' };

/** A site's address as a URL a person can paste back into `sluice probe`. */
function siteAddress(site: SiteProfile): string {
  const host = site.host.includes(':') ? `[${site.host}]` : site.host;
  return `${schemeByMode[site.tlsMode]}://${host}${site.port === undefined ? '' : `:${site.port}`}`;
}

async function addSite(
  sites: NodeSitesService,
  io: CliIo,
  ask: Ask,
  name: string,
  url: FtpUrl,
  options: { folder: string; askPassword: boolean; connections: number },
): Promise<number> {
  if (url.mode === 'plain') io.err('Warning: ftp:// is not encrypted — your password and files travel in clear. Use ftpes:// or ftps:// if the server supports TLS.\n');
  const existing = await sites.list();
  if (existing.some((site) => site.name === name && site.folder === options.folder)) {
    throw new Error(`A site called "${name}" already exists${options.folder ? ` in ${options.folder}` : ''}; remove it first or pick another name.`);
  }
  const draft: SiteDraft = {
    name,
    folder: options.folder,
    host: url.host,
    ...(url.port === defaultPort(url.mode) ? {} : { port: url.port }),
    tlsMode: url.mode,
    minTlsVersion: '1.2',
    dataProtection: 'private',
    clearCommandChannel: false,
    transferMode: 'passive',
    connectionLimit: options.connections,
    charset: 'auto',
    // No user in the URL: an anonymous site, with nothing secret to keep.
    user: url.user ?? 'anonymous',
    passwordMode: options.askPassword || url.user === undefined ? 'ask' : 'saved',
    ...(url.path !== '/' ? { remoteFolder: url.path } : {}),
  };
  let password: string | undefined;
  if (draft.passwordMode === 'saved') {
    password = (await credentialsFor(url, io, ask)).password;
    await unlockForSaving(sites, io, ask);
  }
  const saved = await sites.save(draft, password === undefined ? {} : { password });
  io.out(`Saved site "${saved.name}" (id ${saved.id}): ${siteAddress(saved)}, user ${saved.user}, ` + (password === undefined ? 'password asked at every connection.\n' : 'password in the encrypted vault.\n'));
  return 0;
}

/** Unlocks (or, the first time, creates) the master-password vault before a secret is saved. */
async function unlockForSaving(sites: NodeSitesService, io: CliIo, ask: Ask): Promise<void> {
  const status = await sites.vaultStatus();
  if (!status.locked) return;
  const fromEnv = io.env.SLUICE_MASTER_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') {
    await sites.unlockVault(fromEnv);
    return;
  }
  if (!io.isTty) throw new Error('The password vault needs its master password: set SLUICE_MASTER_PASSWORD, run on a terminal to be asked, or use --ask-password');
  if (status.initialized) {
    await sites.unlockVault(await ask('Master password of the Sluice vault: ', { hidden: true }));
    return;
  }
  io.err('Sluice keeps saved passwords in a vault encrypted with a master password. Choose one now; it cannot be recovered if lost.\n');
  const chosen = await ask('New master password: ', { hidden: true });
  if (chosen.length === 0) throw new Error('The master password cannot be empty');
  if ((await ask('Again, to confirm: ', { hidden: true })) !== chosen) throw new Error('The two master passwords differ; nothing was saved');
  await sites.unlockVault(chosen);
}

async function removeSite(sites: NodeSitesService, io: CliIo, nameOrId: string): Promise<number> {
  const site = findSite(await sites.list(), nameOrId);
  await sites.remove(site.id);
  io.out(`Removed site "${site.name}" (id ${site.id}) and its saved secrets.\n`);
  return 0;
}
