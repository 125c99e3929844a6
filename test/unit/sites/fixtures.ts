import type { SiteDraft } from '../../../shared/services/sites';

/** A complete, valid site draft; tests override what they care about. */
export function siteDraft(overrides: Partial<SiteDraft> = {}): SiteDraft {
  return {
    name: 'Work',
    folder: 'Clients',
    host: 'ftp.example.com',
    tlsMode: 'explicit',
    minTlsVersion: '1.2',
    dataProtection: 'private',
    clearCommandChannel: false,
    transferMode: 'passive',
    connectionLimit: 2,
    charset: 'auto',
    user: 'alice',
    passwordMode: 'saved',
    ...overrides,
  };
}
