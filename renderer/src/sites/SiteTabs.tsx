import { charsets, type SecretMode, type StoredSecrets, type VaultStatus } from '../../../shared/services/sites';
import { PROTOCOLS } from '../connect/quickConnect';
import { CheckField, SelectField, TextAreaField, TextField } from './FormFields';
import type { SiteField, SiteFormValues } from './siteForm';

/** What every tab of the site form is given. */
export interface TabProps {
  readonly values: SiteFormValues;
  readonly errors: Partial<Record<SiteField, string>>;
  readonly change: (patch: Partial<SiteFormValues>) => void;
}

/** What an empty secret field says: asked at each connection, or saved in the vault (typing replaces it). */
function secretPlaceholder(mode: SecretMode | 'none', stored: boolean | undefined): string {
  if (mode === 'ask') return 'Asked when connecting';
  return mode === 'saved' && stored === true ? 'Saved — type to replace' : '';
}

/** Name, address, protocol and login. */
export function GeneralTab({ values, errors, change, vault, stored }: TabProps & { vault: VaultStatus | null; stored: StoredSecrets | undefined }) {
  const noVault = vault?.kind === 'none';
  return (
    <div className="form-grid">
      <TextField className="span-2" label="Name" value={values.name} error={errors.name} onChange={(name) => change({ name })} />
      <TextField className="span-2" label="Folder" value={values.folder} error={errors.folder} placeholder="Top level" hint="Use / for sub-folders, e.g. Work/Clients." onChange={(folder) => change({ folder })} />
      <TextField label="Host" value={values.host} error={errors.host} placeholder="ftp.example.com" onChange={(host) => change({ host })} />
      <TextField className="field-narrow" label="Port" value={values.port} error={errors.port} placeholder={values.tlsMode === 'implicit' ? '990' : '21'} onChange={(port) => change({ port })} />
      <SelectField className="span-2" label="Protocol" value={values.tlsMode} options={PROTOCOLS.map((p) => ({ value: p.mode, label: p.label }))} onChange={(tlsMode) => change({ tlsMode })} />
      <TextField className="span-2" label="User" value={values.user} error={errors.user} placeholder="anonymous" onChange={(user) => change({ user })} />
      <SelectField
        label="Logon type"
        value={values.passwordMode}
        options={[
          { value: 'saved', label: 'Save password', disabled: noVault },
          { value: 'ask', label: 'Ask for password every time' },
        ]}
        hint={noVault ? 'This shell has no credential vault: the password is asked at each connection.' : undefined}
        onChange={(passwordMode) => change({ passwordMode, password: '' })}
      />
      <TextField
        label="Password"
        type="password"
        value={values.password}
        disabled={values.passwordMode === 'ask'}
        placeholder={secretPlaceholder(values.passwordMode, stored?.password)}
        onChange={(password) => change({ password })}
      />
      <TextField className="span-2" label="Account" value={values.account} error={errors.account} hint="Only for servers that ask for ACCT after login." onChange={(account) => change({ account })} />
      <TextAreaField className="span-2" label="Comments" value={values.comments} error={errors.comments} onChange={(comments) => change({ comments })} />
    </div>
  );
}

/** TLS version, data protection, CCC and the client certificate. */
export function SecurityTab({ values, errors, change, stored }: TabProps & { stored: StoredSecrets | undefined }) {
  const plain = values.tlsMode === 'plain';
  return (
    <div className="form-grid">
      {plain && <p className="form-note span-2">This site uses plain FTP: these settings apply only to encrypted connections.</p>}
      <SelectField
        className="span-2"
        label="Minimum TLS version"
        value={values.minTlsVersion}
        options={[
          { value: '1.2', label: 'TLS 1.2' },
          { value: '1.3', label: 'TLS 1.3' },
        ]}
        onChange={(minTlsVersion) => change({ minTlsVersion })}
      />
      <SelectField
        className="span-2"
        label="Data connections"
        value={values.dataProtection}
        options={[
          { value: 'private', label: 'Encrypt everything (PROT P)' },
          { value: 'clear-listings', label: 'Folder listings in clear, files encrypted (PROT C for listings)' },
          { value: 'clear', label: 'Everything in clear (PROT C)' },
        ]}
        hint={values.dataProtection !== 'private' ? 'Data sent in clear can be read by anyone on the network path.' : undefined}
        onChange={(dataProtection) => change({ dataProtection })}
      />
      <div className="span-2">
        <CheckField
          label="Clear the command channel after login (CCC)"
          checked={values.clearCommandChannel}
          hint="Only for firewalls that must read FTP commands. Your password is still sent encrypted; later commands and file names are not."
          onChange={(clearCommandChannel) => change({ clearCommandChannel })}
        />
      </div>
      <h3 className="form-section span-2">Client certificate</h3>
      <TextField className="span-2" label="Certificate file" value={values.certFile} error={errors.certFile} placeholder="PEM or PKCS#12 file" onChange={(certFile) => change({ certFile })} />
      <TextField className="span-2" label="Key file" value={values.keyFile} error={errors.keyFile} placeholder="When the key is in a separate file" onChange={(keyFile) => change({ keyFile })} />
      <SelectField
        label="Key passphrase"
        value={values.passphraseMode}
        options={[
          { value: 'none', label: 'No passphrase' },
          { value: 'saved', label: 'Save passphrase' },
          { value: 'ask', label: 'Ask every time' },
        ]}
        onChange={(passphraseMode) => change({ passphraseMode, passphrase: '' })}
      />
      <TextField
        label="Passphrase"
        type="password"
        value={values.passphrase}
        disabled={values.passphraseMode !== 'saved'}
        placeholder={secretPlaceholder(values.passphraseMode, stored?.passphrase)}
        onChange={(passphrase) => change({ passphrase })}
      />
    </div>
  );
}

/** Passive or active, parallel connections and the path charset. */
export function TransferTab({ values, errors, change }: TabProps) {
  return (
    <div className="form-grid">
      <SelectField
        className="span-2"
        label="Transfer mode"
        value={values.transferMode}
        options={[
          { value: 'passive', label: 'Passive (recommended)' },
          { value: 'active', label: 'Active' },
        ]}
        onChange={(transferMode) => change({ transferMode })}
      />
      <TextField
        label="Connection limit"
        value={values.connectionLimit}
        error={errors.connectionLimit}
        hint="Parallel transfers, 1 to 10."
        onChange={(connectionLimit) => change({ connectionLimit })}
      />
      <SelectField
        label="Character set"
        value={values.charset}
        options={charsets.map((charset) => ({ value: charset, label: charset === 'auto' ? 'Automatic (UTF-8 if the server offers it)' : charset.toUpperCase() }))}
        onChange={(charset) => change({ charset })}
      />
    </div>
  );
}

/** Where a session starts, locally and on the server. */
export function AdvancedTab({ values, errors, change }: TabProps) {
  const mayBeInsecure = values.tlsMode === 'plain' || values.tlsMode === 'explicit-if-available';
  return (
    <div className="form-grid">
      <TextField className="span-2" label="Default local folder" value={values.localFolder} error={errors.localFolder} onChange={(localFolder) => change({ localFolder })} />
      <TextField className="span-2" label="Default remote folder" value={values.remoteFolder} error={errors.remoteFolder} placeholder="/" onChange={(remoteFolder) => change({ remoteFolder })} />
      {mayBeInsecure && (
        <div className="span-2">
          <CheckField
            label="Don't warn before connecting without encryption"
            checked={values.allowInsecure}
            onChange={(allowInsecure) => change({ allowInsecure })}
          />
        </div>
      )}
    </div>
  );
}
