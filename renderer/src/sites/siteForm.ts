import { siteDraftSchema, type Charset, type DataProtection, type SecretMode, type SiteDraft, type SiteProfile, type SiteSecrets, type TlsMode } from '../../../shared/services/sites';
import { normalizeFolder } from '../../../shared/site-folders';

/** The Site Manager's fields as edited: text where people type numbers, secrets alongside. */
export interface SiteFormValues {
  readonly id?: string;
  readonly name: string;
  readonly folder: string;
  readonly host: string;
  readonly port: string;
  readonly tlsMode: TlsMode;
  readonly minTlsVersion: '1.2' | '1.3';
  readonly dataProtection: DataProtection;
  readonly clearCommandChannel: boolean;
  readonly transferMode: 'passive' | 'active';
  readonly connectionLimit: string;
  readonly charset: Charset;
  readonly user: string;
  readonly passwordMode: SecretMode;
  /** Typed password; empty on an existing site means "keep the saved one". */
  readonly password: string;
  readonly account: string;
  readonly comments: string;
  readonly certFile: string;
  readonly keyFile: string;
  readonly passphraseMode: SecretMode | 'none';
  readonly passphrase: string;
  readonly localFolder: string;
  readonly remoteFolder: string;
  readonly allowInsecure: boolean;
}

/** The fields of a new site in `folder`. Secure defaults: explicit TLS 1.2+, PROT P, passive. */
export function newSiteValues(name: string, folder: string): SiteFormValues {
  return {
    name,
    folder,
    host: '',
    port: '',
    tlsMode: 'explicit',
    minTlsVersion: '1.2',
    dataProtection: 'private',
    clearCommandChannel: false,
    transferMode: 'passive',
    connectionLimit: '2',
    charset: 'auto',
    user: '',
    passwordMode: 'saved',
    password: '',
    account: '',
    comments: '',
    certFile: '',
    keyFile: '',
    passphraseMode: 'none',
    passphrase: '',
    localFolder: '',
    remoteFolder: '',
    allowInsecure: false,
  };
}

/** The fields of a saved site; secrets stay in the vault and the fields start empty. */
export function valuesFromSite(site: SiteProfile): SiteFormValues {
  return {
    ...newSiteValues(site.name, site.folder),
    id: site.id,
    host: site.host,
    port: site.port === undefined ? '' : String(site.port),
    tlsMode: site.tlsMode,
    minTlsVersion: site.minTlsVersion,
    dataProtection: site.dataProtection,
    clearCommandChannel: site.clearCommandChannel,
    transferMode: site.transferMode,
    connectionLimit: String(site.connectionLimit),
    charset: site.charset,
    user: site.user,
    passwordMode: site.passwordMode,
    account: site.account ?? '',
    comments: site.comments ?? '',
    certFile: site.clientCertificate?.file ?? '',
    keyFile: site.clientCertificate?.keyFile ?? '',
    passphraseMode: site.clientCertificate?.passphraseMode ?? 'none',
    localFolder: site.localFolder ?? '',
    remoteFolder: site.remoteFolder ?? '',
    allowInsecure: site.allowInsecure ?? false,
  };
}

/** Form field names that can carry an error message. */
export type SiteField = keyof SiteFormValues;

/** The draft the service takes; empty optional fields are left out rather than sent empty. */
export function toDraft(values: SiteFormValues): SiteDraft {
  const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());
  const port = values.port.trim() === '' ? undefined : Number(values.port);
  const certFile = optional(values.certFile);
  const keyFile = optional(values.keyFile);
  const draft: { -readonly [K in keyof SiteDraft]: SiteDraft[K] } = {
    name: values.name.trim(),
    folder: normalizeFolder(values.folder),
    host: values.host.trim(),
    tlsMode: values.tlsMode,
    minTlsVersion: values.minTlsVersion,
    dataProtection: values.dataProtection,
    clearCommandChannel: values.clearCommandChannel,
    transferMode: values.transferMode,
    connectionLimit: Number(values.connectionLimit),
    charset: values.charset,
    user: values.user.trim(),
    passwordMode: values.passwordMode,
  };
  if (values.id !== undefined) draft.id = values.id;
  if (port !== undefined) draft.port = port;
  if (optional(values.account) !== undefined) draft.account = values.account.trim();
  if (certFile !== undefined) {
    draft.clientCertificate = { file: certFile, ...(keyFile !== undefined && { keyFile }), passphraseMode: values.passphraseMode };
  }
  if (optional(values.localFolder) !== undefined) draft.localFolder = values.localFolder.trim();
  if (optional(values.remoteFolder) !== undefined) draft.remoteFolder = values.remoteFolder.trim();
  if (values.comments !== '') draft.comments = values.comments;
  if (values.allowInsecure) draft.allowInsecure = true;
  return draft;
}

// Which form field shows the message for each path of the schema.
const FIELD_OF_PATH: Readonly<Record<string, SiteField>> = {
  'clientCertificate.file': 'certFile',
  'clientCertificate.keyFile': 'keyFile',
  'clientCertificate.passphraseMode': 'passphraseMode',
};

/** Friendlier words than the schema's for the fields people get wrong most. */
const MESSAGES: Partial<Record<SiteField, string>> = {
  host: 'Enter a host name or address, without spaces or slashes.',
  port: 'The port must be a number from 1 to 65535.',
  connectionLimit: 'Choose from 1 to 10 connections.',
};

/** Validates with the same schema main uses; returns the draft, or a message per field. */
export function validateSite(values: SiteFormValues): { draft: SiteDraft; errors: null } | { draft: null; errors: Partial<Record<SiteField, string>> } {
  const draft = toDraft(values);
  const parsed = siteDraftSchema.safeParse(draft);
  const errors: Partial<Record<SiteField, string>> = {};
  // `Number("")` is 0 and `Number("x")` NaN: both are caught by the schema, but say it plainly.
  if (values.port.trim() !== '' && !/^\d+$/.test(values.port.trim())) errors.port = MESSAGES.port!;
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      const field = FIELD_OF_PATH[path] ?? (issue.path[0] as SiteField);
      errors[field] ??= MESSAGES[field] ?? issue.message;
    }
  }
  if (Object.keys(errors).length > 0) return { draft: null, errors };
  return { draft: parsed.success ? (parsed.data as SiteDraft) : draft, errors: null };
}

/**
 * The secrets to send with a save. A typed password is saved; switching to "ask every
 * time" forgets the saved one; an untouched field keeps whatever the vault holds.
 */
export function secretsToSave(values: SiteFormValues): SiteSecrets | undefined {
  const secrets: { password?: string | null; passphrase?: string | null } = {};
  if (values.passwordMode === 'ask') secrets.password = null;
  else if (values.password !== '') secrets.password = values.password;
  if (values.passphraseMode !== 'saved') {
    if (values.id !== undefined) secrets.passphrase = null;
  } else if (values.passphrase !== '') secrets.passphrase = values.passphrase;
  return Object.keys(secrets).length > 0 ? secrets : undefined;
}

/** True when saving these values writes a secret into the vault (which may need unlocking first). */
export function storesSecret(secrets: SiteSecrets | undefined): boolean {
  return typeof secrets?.password === 'string' || typeof secrets?.passphrase === 'string';
}
