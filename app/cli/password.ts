import type { CliIo } from './command';
import type { FtpUrl } from './ftp-url';

/** How the CLI asks a person something; replaced in tests. */
export type Ask = (question: string, options?: { hidden?: boolean }) => Promise<string>;

/**
 * The password for a URL: from the URL, else `SLUICE_PASSWORD`, else a hidden prompt on a
 * terminal. Without a user the login is anonymous, as every FTP client does it.
 */
export async function credentialsFor(url: FtpUrl, io: CliIo, ask: Ask): Promise<{ user: string; password: string }> {
  if (!url.user) return { user: 'anonymous', password: url.password ?? 'anonymous@' };
  if (url.password !== undefined) return { user: url.user, password: url.password };
  const fromEnv = io.env.SLUICE_PASSWORD;
  if (fromEnv !== undefined) return { user: url.user, password: fromEnv };
  if (!io.isTty) throw new Error(`No password for ${url.user}@${url.host}: set SLUICE_PASSWORD or run on a terminal to be asked`);
  return { user: url.user, password: await ask(`Password for ${url.user}@${url.host}: `, { hidden: true }) };
}
