import { describe, expect, it } from 'vitest';
import { parseFtpUrl } from '../../../app/cli/ftp-url';

describe('FTP URLs as the CLI takes them', () => {
  it('maps FileZilla schemes to TLS modes and default ports', () => {
    expect(parseFtpUrl('ftpes://example.test')).toMatchObject({ mode: 'explicit', host: 'example.test', port: 21, path: '/' });
    expect(parseFtpUrl('ftps://example.test')).toMatchObject({ mode: 'implicit', port: 990 });
    expect(parseFtpUrl('ftp://example.test:2121/pub')).toMatchObject({ mode: 'plain', port: 2121, path: '/pub' });
  });

  it('decodes user, password and path, and unwraps IPv6 literals', () => {
    const url = parseFtpUrl('ftpes://j%40ne:p%3Ass@[::1]:2990/dir%20with%20spaces/%C3%A9t%C3%A9');
    expect(url).toEqual({ mode: 'explicit', host: '::1', port: 2990, user: 'j@ne', password: 'p:ss', path: '/dir with spaces/été' });
  });

  it('refuses other schemes and non-URLs with a sentence naming the right schemes', () => {
    expect(() => parseFtpUrl('sftp://example.test')).toThrow(/ftpes:\/\//);
    expect(() => parseFtpUrl('example.test')).toThrow(/Not a URL/);
  });

  it('refuses a path carrying a line break (command injection)', () => {
    expect(() => parseFtpUrl('ftpes://example.test/a%0d%0aDELE%20x')).toThrow(/line break/);
  });
});
