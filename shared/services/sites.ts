import { z } from 'zod';
import { defineContract, type Unsubscribe } from '../contract/service';
import { pathSchema } from '../paths';
import { hostSchema, portSchema } from './trust';

/** How the control connection is protected (security rule 1). */
export type TlsMode = 'explicit' | 'implicit' | 'explicit-if-available' | 'plain';

/** Data connections: PROT P always, PROT C for listings only, or clear. */
export type DataProtection = 'private' | 'clear-listings' | 'clear';

/** Path charsets a site can use when the server does not speak UTF-8. */
// CP949 is a superset of EUC-KR, so one entry serves Korean servers of either kind.
export const charsets = ['auto', 'utf-8', 'latin1', 'cp1252', 'cp949', 'shift_jis'] as const;
export type Charset = (typeof charsets)[number];

/** Where a secret comes from: the credential vault, or a prompt at every connection. */
export type SecretMode = 'saved' | 'ask';

/** A saved site: everything but its secrets, which live only in the credential vault (rule 20). */
export interface SiteProfile {
  readonly id: string;
  readonly name: string;
  /** Folder in the Site Manager tree, `/`-separated (`Work/Clients`); empty at the top. */
  readonly folder: string;
  readonly host: string;
  /** Absent: 21, or 990 for implicit TLS. */
  readonly port?: number;
  readonly tlsMode: TlsMode;
  readonly minTlsVersion: '1.2' | '1.3';
  readonly dataProtection: DataProtection;
  /** CCC after login, for firewalls that must read the control connection. */
  readonly clearCommandChannel: boolean;
  readonly transferMode: 'passive' | 'active';
  /** Parallel connections for transfers (1–10). */
  readonly connectionLimit: number;
  readonly charset: Charset;
  readonly user: string;
  readonly passwordMode: SecretMode;
  readonly account?: string;
  readonly clientCertificate?: { readonly file: string; readonly keyFile?: string; readonly passphraseMode: SecretMode | 'none' };
  readonly localFolder?: string;
  readonly remoteFolder?: string;
  readonly comments?: string;
  /** The user accepted plain FTP (or a refused AUTH) for this site and asked to be asked no more. */
  readonly allowInsecure?: boolean;
}

/** A site as the Site Manager submits it; no id for a new one. */
export type SiteDraft = Omit<SiteProfile, 'id'> & { readonly id?: string };

/** Secrets that go along with a save, straight into the vault; `null` forgets one. */
export interface SiteSecrets {
  readonly password?: string | null;
  readonly passphrase?: string | null;
}

/** Which secrets the vault holds for a site: never their values. */
export interface StoredSecrets {
  readonly password: boolean;
  readonly passphrase: boolean;
}

/** Which vault guards secrets in this shell. */
export interface VaultStatus {
  /** `os`: Electron safeStorage; `master-password`: scrypt + AES-256-GCM; `none`: every secret is asked. */
  readonly kind: 'os' | 'master-password' | 'none';
  /** A master-password vault exists but is locked until its password is given. */
  readonly locked: boolean;
  /** No master password was set yet: the first save will ask for one. */
  readonly initialized: boolean;
}

/** Saved sites and their secrets. */
export interface SitesService {
  list(): Promise<SiteProfile[]>;
  /** Creates or updates a site; secrets go to the vault, never to the sites file. */
  save(draft: SiteDraft, secrets?: SiteSecrets): Promise<SiteProfile>;
  duplicate(id: string): Promise<SiteProfile>;
  remove(id: string): Promise<void>;
  vaultStatus(): Promise<VaultStatus>;
  /** Which secrets are saved for a site (the Site Manager says "saved" only then); a locked vault can tell too. */
  storedSecrets(id: string): Promise<StoredSecrets>;
  /** Creates (first time) or unlocks the master-password vault. */
  unlockVault(masterPassword: string): Promise<VaultStatus>;
  /**
   * Every folder of the Site Manager tree, each once: the folders that hold sites and the
   * empty ones a person created, which sites alone could not remember.
   */
  listFolders(): Promise<string[]>;
  /** Adds a folder (and its parents); one that exists already is left as it is. */
  createFolder(path: string): Promise<void>;
  /** Renames or moves a folder with every site and folder inside it; `exists` when `to` is taken. */
  renameFolder(from: string, to: string): Promise<void>;
  /** Deletes a folder with every folder and site (secrets included) inside it, as the Site Manager confirms. */
  removeFolder(path: string): Promise<void>;
  onDidChange(listener: (sites: readonly SiteProfile[]) => void): Unsubscribe;
  onDidChangeFolders(listener: (folders: readonly string[]) => void): Unsubscribe;
}

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not a site id');
const text = (max: number) => z.string().max(max).refine((value) => !/[\0\r\n]/.test(value), 'No line breaks or NUL');

/** The longest folder path, the same cap as a site's `folder`. */
export const maxFolderLength = 500;

/**
 * A folder in its one written form: `/`-separated names (`Work/Clients`), none empty or
 * padded with spaces, so two spellings can never make two folders. The root is no folder.
 */
export const folderPathSchema = text(maxFolderLength).refine(
  (path) => path.split('/').every((name) => name !== '' && name.trim() === name),
  'A folder path needs a name between every two slashes, without spaces around it',
);

export const siteDraftSchema = z.strictObject({
  id: idSchema.optional(),
  name: text(200).trim().min(1, 'A site needs a name'),
  folder: text(maxFolderLength),
  host: hostSchema,
  port: portSchema.optional(),
  tlsMode: z.enum(['explicit', 'implicit', 'explicit-if-available', 'plain']),
  minTlsVersion: z.enum(['1.2', '1.3']),
  dataProtection: z.enum(['private', 'clear-listings', 'clear']),
  clearCommandChannel: z.boolean(),
  transferMode: z.enum(['passive', 'active']),
  connectionLimit: z.number().int().min(1).max(10),
  charset: z.enum(charsets),
  user: text(256),
  passwordMode: z.enum(['saved', 'ask']),
  account: text(256).optional(),
  clientCertificate: z
    .strictObject({ file: pathSchema, keyFile: pathSchema.optional(), passphraseMode: z.enum(['saved', 'ask', 'none']) })
    .optional(),
  localFolder: pathSchema.optional(),
  remoteFolder: text(4096).optional(),
  comments: z.string().max(10_000).optional(),
  allowInsecure: z.boolean().optional(),
});

const secretsSchema = z.strictObject({
  password: z.string().max(4096).nullable().optional(),
  passphrase: z.string().max(4096).nullable().optional(),
});

export const sitesContract = defineContract<SitesService>({
  name: 'sites',
  methods: {
    list: z.tuple([]),
    save: z.tuple([siteDraftSchema, secretsSchema.optional()]),
    duplicate: z.tuple([idSchema]),
    remove: z.tuple([idSchema]),
    vaultStatus: z.tuple([]),
    storedSecrets: z.tuple([idSchema]),
    unlockVault: z.tuple([z.string().min(1).max(4096)]),
    listFolders: z.tuple([]),
    createFolder: z.tuple([folderPathSchema]),
    renameFolder: z.tuple([folderPathSchema, folderPathSchema]),
    removeFolder: z.tuple([folderPathSchema]),
  },
  events: { onDidChange: true, onDidChangeFolders: true },
});
