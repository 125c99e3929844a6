import { describe, expect, it, vi } from 'vitest';
import type { CliIo } from '../../../app/cli/command';
import { parseFtpUrl } from '../../../app/cli/ftp-url';
import { credentialsFor } from '../../../app/cli/password';

const io = (env: Record<string, string>, isTty: boolean): CliIo => ({ out: () => {}, err: () => {}, env, isTty });

describe('where the CLI gets a password', () => {
  it('prefers the URL, then SLUICE_PASSWORD, then a hidden terminal prompt', async () => {
    const ask = vi.fn(async () => 'typed');
    expect(await credentialsFor(parseFtpUrl('ftpes://u:inurl@h'), io({ SLUICE_PASSWORD: 'env' }, true), ask)).toEqual({ user: 'u', password: 'inurl' });
    expect(await credentialsFor(parseFtpUrl('ftpes://u@h'), io({ SLUICE_PASSWORD: 'env' }, true), ask)).toEqual({ user: 'u', password: 'env' });
    expect(await credentialsFor(parseFtpUrl('ftpes://u@h'), io({}, true), ask)).toEqual({ user: 'u', password: 'typed' });
    expect(ask).toHaveBeenCalledWith('Password for u@h: ', { hidden: true });
  });

  it('fails without a terminal to ask on, naming SLUICE_PASSWORD', async () => {
    await expect(credentialsFor(parseFtpUrl('ftpes://u@h'), io({}, false), vi.fn())).rejects.toThrow(/SLUICE_PASSWORD/);
  });

  it('logs in anonymously when the URL names no user', async () => {
    expect(await credentialsFor(parseFtpUrl('ftpes://h'), io({}, false), vi.fn())).toEqual({ user: 'anonymous', password: 'anonymous@' });
  });
});
