import type { ControlConnection } from './control';
import type { FeatureMap } from './features';
import type { Reply } from './reply';
import { formatMfmt } from './values';

/**
 * The two SITE UTIME syntaxes in the wild (neither is in an RFC):
 * - 'five-argument': `SITE UTIME <path> <atime> <mtime> <ctime> UTC` (pure-ftpd, proftpd
 *   mod_site_misc; lftp's use-site-utime, NcFTP);
 * - 'two-argument': `SITE UTIME <mtime> <path>` (proftpd mod_site_misc, pure-ftpd 1.0.50;
 *   lftp's use-site-utime2).
 */
export type SiteUtimeForm = 'five-argument' | 'two-argument';

/** What a session learned about setting remote times, so a thousand-file upload does not ask a thousand times. */
export interface ModificationTimeMemory {
  /** The SITE UTIME form this server took: from then on, a refusal is about one file, not the syntax. */
  siteUtimeForm: SiteUtimeForm | undefined;
  /** Until one worked: the forms not refused yet, in the order to try them (none: the server has no SITE UTIME). */
  siteUtimeCandidates: SiteUtimeForm[];
  /** A refusal of one file's time was already written to the protocol log. */
  refusalNoted: boolean;
}

/** A fresh memory for a new session. */
export function initialModificationTimeMemory(): ModificationTimeMemory {
  return { siteUtimeForm: undefined, siteUtimeCandidates: ['five-argument', 'two-argument'], refusalNoted: false };
}

/** What setting a remote modification time needs of its session. */
export interface ModificationTimeSession {
  readonly control: Pick<ControlConnection, 'send' | 'note'>;
  readonly features: FeatureMap;
  readonly memory: ModificationTimeMemory;
}

/** How it went: the command that set the time, 'refused' for this file, or 'unsupported' by the server. */
export type ModificationTimeOutcome = 'mfmt' | SiteUtimeForm | 'refused' | 'unsupported';

// What servers answer to a SITE command or syntax they do not know: that form is no use on this server.
const UNKNOWN_SYNTAX = new Set([500, 501, 502, 504]);

/**
 * Sets a remote file's modification time (UTC, whole seconds): MFMT when FEAT offers it, else
 * SITE UTIME in the form this server took. A refusal never throws (the file is there all the
 * same); only a broken connection or an unsendable path does.
 */
export async function setRemoteModificationTime(session: ModificationTimeSession, path: string, time: Date): Promise<ModificationTimeOutcome> {
  const stamp = formatMfmt(time);
  if (session.features.has('MFMT')) {
    const reply = await session.control.send('MFMT', `${stamp} ${path}`);
    return isSuccess(reply) ? 'mfmt' : refused(session, `MFMT ${path}`, reply);
  }
  const { memory } = session;
  if (memory.siteUtimeForm !== undefined) {
    const reply = await session.control.send('SITE', siteUtimeArgument(memory.siteUtimeForm, path, stamp));
    return isSuccess(reply) ? memory.siteUtimeForm : refused(session, `SITE UTIME ${path}`, reply);
  }
  const candidates = [...memory.siteUtimeCandidates];
  if (candidates.length === 0) return 'unsupported';
  for (const form of candidates) {
    const reply = await session.control.send('SITE', siteUtimeArgument(form, path, stamp));
    if (isSuccess(reply)) {
      memory.siteUtimeForm = form;
      return form;
    }
    // Any other refusal (550: no such file, no permission) is about this file, not the syntax.
    if (!UNKNOWN_SYNTAX.has(reply.code)) return refused(session, `SITE UTIME ${path}`, reply);
    memory.siteUtimeCandidates = memory.siteUtimeCandidates.filter((known) => known !== form);
  }
  // Reached once per session: afterwards no form is left to try.
  session.control.note('info', 'The server offers neither MFMT nor SITE UTIME: uploaded files keep the time of their upload');
  return 'unsupported';
}

/** The argument of SITE for one form; the path goes through the session's command encoding like any other. */
function siteUtimeArgument(form: SiteUtimeForm, path: string, stamp: string): string {
  // The same time thrice: only the modification time matters; servers keep no creation time on Unix.
  return form === 'five-argument' ? `UTIME ${path} ${stamp} ${stamp} ${stamp} UTC` : `UTIME ${stamp} ${path}`;
}

function isSuccess(reply: Reply): boolean {
  return reply.code >= 200 && reply.code < 300;
}

function refused(session: ModificationTimeSession, what: string, reply: Reply): 'refused' {
  if (!session.memory.refusalNoted) {
    session.memory.refusalNoted = true;
    session.control.note('info', `${what} refused (${reply.code} ${reply.text}): the file keeps the time of its upload; later refusals are not noted`);
  }
  return 'refused';
}
