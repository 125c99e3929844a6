import type { PeerCertificate, SecureContext } from 'node:tls';

/**
 * What the fault server does in answer to a command (or as its greeting). A string is a reply
 * whose lines are separated by "\n" and sent with CRLF; an object scripts a fault.
 */
export type Action = string | ActionObject;

/** A scripted reply with its faults. */
export interface ActionObject {
  /** Reply lines ("\n"-separated) sent with `lineEnding`. */
  readonly reply?: string;
  /** Bytes sent as they are instead of (or after) `reply`. */
  readonly raw?: string | Buffer;
  /** Line ending of `reply`; '\n' for LF-only servers. */
  readonly lineEnding?: '\r\n' | '\n';
  /** Send byte by byte, each in its own write, `splitDelayMs` apart. */
  readonly split?: 'byte';
  readonly splitDelayMs?: number;
  /** Wait before answering. */
  readonly delayMs?: number;
  /** Never answer. */
  readonly silent?: boolean;
  /** Bytes in the same write right after the reply, in clear (injection after 234). */
  readonly inject?: string | Buffer;
  /** Bytes sent in clear on the TCP connection this long after the reply. */
  readonly injectLater?: { readonly bytes: string | Buffer; readonly delayMs: number };
  /** Before the reply: stop TLS first, so the reply goes in clear (proftpd's CCC). */
  readonly before?: 'downgrade';
  /**
   * After the reply: start TLS (AUTH), stop TLS (CCC), stop TLS without answering the
   * client's close_notify (pure-ftpd), stop TLS and start anew (REIN), or close the connection.
   */
  readonly then?: 'upgrade' | 'downgrade' | 'downgrade-mute' | 'reinitialize' | 'close';
}

/** What a handler function learns about the connection it answers. */
export interface SessionView {
  /** 0 for the first connection to the server, 1 for the next … */
  readonly index: number;
  readonly secure: boolean;
  /** The client's certificate, when it sent one over TLS. */
  readonly clientCertificate: PeerCertificate | undefined;
  /** Free state for a test's handlers. */
  readonly data: Map<string, unknown>;
  /** The server's TLS material, for TLS on data connections. */
  readonly secureContext: SecureContext | undefined;
  /** Sends a reply line at once, e.g. the 150 before a transfer's data (over TLS when on). */
  reply(text: string): void;
}

/** A scripted answer: fixed, or computed from the argument and the session. */
export type Handler = Action | ((arg: string, session: SessionView) => Action | Promise<Action>);

/** Handlers keyed by upper-case verb ("USER") or verb and argument ("AUTH TLS"); the longer key wins. */
export type Script = Readonly<Record<string, Handler>>;

/** The happy path of a TLS-capable server; tests override single commands. */
export function defaultScript(tlsAvailable: boolean): Script {
  return {
    'AUTH TLS': tlsAvailable ? { reply: '234 AUTH TLS OK', then: 'upgrade' } : '502 AUTH not available',
    'AUTH SSL': tlsAvailable ? { reply: '234 AUTH SSL OK', then: 'upgrade' } : '502 AUTH not available',
    AUTH: '504 Unknown mechanism',
    PBSZ: '200 PBSZ=0',
    PROT: (arg) => (arg === 'P' || arg === 'C' ? `200 Protection level set to ${arg}` : '504 Unknown level'),
    USER: '331 Password required',
    PASS: '230 Logged in',
    ACCT: '230 Account accepted',
    FEAT: '211-Features:\n UTF8\n MDTM\n SIZE\n MFMT\n MLST type*;size*;modify*;\n EPSV\n211 End',
    OPTS: '200 OK',
    SYST: '215 UNIX Type: L8',
    NOOP: '200 NOOP ok',
    PWD: '257 "/" is the current directory',
    CWD: '250 Directory changed',
    CDUP: '250 Directory changed',
    MKD: (arg) => `257 "${arg.replaceAll('"', '""')}" created`,
    RMD: '250 Removed',
    DELE: '250 Deleted',
    RNFR: '350 Ready for RNTO',
    RNTO: '250 Renamed',
    SITE: '200 SITE command ok',
    SIZE: '213 1234',
    MDTM: '213 20240229235958',
    MFMT: (arg) => `213 Modify=${arg.split(' ')[0] ?? ''}; ${arg.split(' ').slice(1).join(' ')}`,
    STAT: '211-Status of fault server\n Logged in\n211 End of status',
    HELP: '214 Help OK',
    TYPE: '200 Type set',
    CCC: (_arg, session) => (session.secure ? { reply: '200 CCC OK', then: 'downgrade' } : '533 Not protected'),
    REIN: { reply: '220 Ready for new user', then: 'reinitialize' },
    QUIT: { reply: '221 Goodbye', then: 'close' },
  };
}
