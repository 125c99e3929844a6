import { describe, expect, it } from 'vitest';
import { newSiteValues, secretsToSave, storesSecret, toDraft, validateSite, valuesFromSite } from '../../../renderer/src/sites/siteForm';
import { passwordStrength } from '../../../renderer/src/sites/passwordStrength';

describe('site form', () => {
  const valid = { ...newSiteValues('Prod', 'Work'), host: 'ftp.example.com', user: 'alice' };

  it('builds a draft the shared schema accepts, leaving empty optional fields out', () => {
    const result = validateSite(valid);
    expect(result.errors).toBeNull();
    expect(result.draft).toEqual({
      name: 'Prod', folder: 'Work', host: 'ftp.example.com', tlsMode: 'explicit', minTlsVersion: '1.2', dataProtection: 'private',
      clearCommandChannel: false, transferMode: 'passive', connectionLimit: 2, charset: 'auto', user: 'alice', passwordMode: 'saved',
    });
  });

  it('reports each wrong field inline', () => {
    const result = validateSite({ ...valid, name: ' ', host: 'bad host', port: '99999', connectionLimit: '11' });
    expect(result.errors).toEqual({
      name: 'A site needs a name',
      host: 'Enter a host name or address, without spaces or slashes.',
      port: 'The port must be a number from 1 to 65535.',
      connectionLimit: 'Choose from 1 to 10 connections.',
    });
    expect(validateSite({ ...valid, port: '2x' }).errors).toEqual({ port: 'The port must be a number from 1 to 65535.' });
  });

  it('carries the client certificate and round-trips a saved site', () => {
    const draft = toDraft({ ...valid, certFile: '/keys/me.p12', passphraseMode: 'ask', port: '990' });
    expect(draft.clientCertificate).toEqual({ file: '/keys/me.p12', passphraseMode: 'ask' });
    const values = valuesFromSite({ ...draft, id: 'x1' });
    expect(values.port).toBe('990');
    expect(values.certFile).toBe('/keys/me.p12');
    expect(values.password).toBe('');
  });

  it('sends secrets only when typed, and forgets them when switched to "ask"', () => {
    expect(secretsToSave(valid)).toBeUndefined();
    expect(secretsToSave({ ...valid, password: 'pw' })).toEqual({ password: 'pw' });
    expect(secretsToSave({ ...valid, passwordMode: 'ask', password: 'ignored' })).toEqual({ password: null });
    expect(secretsToSave({ ...valid, id: 's1', passphraseMode: 'none' })).toEqual({ passphrase: null });
    expect(storesSecret({ password: 'pw' })).toBe(true);
    expect(storesSecret({ password: null })).toBe(false);
  });

  it('rates master passwords', () => {
    expect(passwordStrength('short').label).toBe('Too short');
    expect(passwordStrength('aaaaaaaaaaaaaaaa').label).toBe('Weak');
    expect(passwordStrength('abcdefgh').label).toBe('Weak');
    expect(passwordStrength('abcdefghijkl').label).toBe('Fair');
    expect(passwordStrength('correct horse battery').label).toBe('Strong');
  });
});
