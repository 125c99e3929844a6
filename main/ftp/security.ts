import { peerChain, nodeVerdict, type VerifyServer } from './certificate';
import type { ControlConnection } from './control';
import { negotiatedGroup } from './key-share';
import { FtpError } from './errors';
import type { SecurityPolicy } from './policy';
import { withoutPeerCertificate } from './session-trim';
import type { Reply } from './reply';
import { tlsConnectionOptions, tlsHandshake, withSharedContext } from './tls-options';

/** A question to the user before going on in clear: the server has no TLS ('explicit-if-available'). */
export interface InsecureQuestion {
  readonly host: string;
  readonly port: number;
  readonly reply: Reply;
}

/** Asks the user whether to go on without TLS; only a plain `true` goes on. */
export type AskInsecure = (question: InsecureQuestion) => Promise<boolean> | boolean;

/** What the session knows of its protection; reset by REIN. */
export interface SecurityState {
  /** The newest TLS session of the control connection, for data connections to resume (rule 10). */
  session?: Buffer;
  /** The control connection's server certificate (DER), which data connections must match byte for byte. */
  peerCertificate?: Buffer;
  tlsVersion?: string;
  cipher?: string;
  /** The key-share group the control handshake used: data connections lead with it (see key-share.ts). */
  keyShareGroup?: string;
  /** The PROT level in force for data connections; undefined before PROT or after REIN. */
  dataProtection?: 'P' | 'C';
  /** CCC done: the control connection is in clear again, and PBSZ/PROT must not be sent (rule 5). */
  commandChannelCleared: boolean;
}

/** What negotiation needs: the connection, the site, its policy and the user's callbacks. */
export interface SecurityContext {
  readonly control: ControlConnection;
  readonly host: string;
  readonly port: number;
  readonly policy: SecurityPolicy;
  readonly verifyServer: VerifyServer;
  readonly askInsecure?: AskInsecure;
  readonly state: SecurityState;
  /** Sees each negotiation command and its reply (`sluice probe` reports them). */
  readonly onStep?: (command: string, reply: Reply) => void;
}

/** A fresh, unprotected state. */
export function initialSecurityState(): SecurityState {
  return { commandChannelCleared: false };
}

// MS-FTPS: servers that only know "AUTH SSL" answer AUTH TLS with one of these.
const AUTH_UNKNOWN = [500, 502, 504];

/** Starts TLS in place and waits for the verification callback; nothing is sent before it says 'trust'. */
export async function startTlsAndVerify(context: SecurityContext): Promise<void> {
  const { control, host, port, policy, state } = context;
  const socket = await control.startTls((stream) =>
    tlsHandshake(withSharedContext(policy, tlsConnectionOptions(policy, host, stream)), (session) => {
      state.session = withoutPeerCertificate(session);
    }),
  );
  const chain = peerChain(socket);
  const tlsVersion = socket.getProtocol() ?? 'unknown';
  const cipher = socket.getCipher().name;
  Object.assign(state, { peerCertificate: chain[0], tlsVersion, cipher, keyShareGroup: negotiatedGroup(socket) });
  control.note('info', `TLS established: ${tlsVersion}, ${cipher}`);
  let decision: string;
  try {
    decision = await context.verifyServer({ host, port, chain, tlsVersion, cipher, nodeVerdict: nodeVerdict(socket, host) });
  } catch (error) {
    throw control.fail(new FtpError('certificate-rejected', 'The certificate check failed', 'tls', undefined, error));
  }
  if (control.closedBy !== undefined) throw control.closedBy;
  if (decision !== 'trust') {
    throw control.fail(new FtpError('certificate-rejected', `The certificate of ${host}:${port} was rejected`, 'tls'));
  }
  control.release();
}

/** AUTH TLS (then AUTH SSL when the server does not know it); true when TLS is on, false when the user chose clear text. */
export async function negotiateExplicitTls(context: SecurityContext): Promise<{ secured: boolean; replies: Reply[] }> {
  const { control, policy } = context;
  const auth = async (mechanism: string): Promise<Reply> => {
    const reply = await control.send('AUTH', mechanism, { phase: 'tls', detachOn: [234], securing: true });
    context.onStep?.(`AUTH ${mechanism}`, reply);
    return reply;
  };
  const replies = [await auth('TLS')];
  if (AUTH_UNKNOWN.includes(replies[0]?.code ?? 0)) replies.push(await auth('SSL'));
  const last = replies[replies.length - 1] as Reply;
  if (last.code === 234) {
    await startTlsAndVerify(context);
    return { secured: true, replies };
  }
  if (policy.mode === 'explicit-if-available' && (await askSafely(context, last))) {
    control.note('info', 'The server has no TLS; going on in clear text as the user allowed');
    return { secured: false, replies };
  }
  // Nothing more goes out in clear: no USER, not even QUIT (rule 2).
  throw control.fail(
    new FtpError('tls-required', `The server refused TLS (${last.code} ${last.text}); the session was ended before login`, 'tls', last.code),
  );
}

async function askSafely(context: SecurityContext, reply: Reply): Promise<boolean> {
  if (context.askInsecure === undefined) return false;
  try {
    return (await context.askInsecure({ host: context.host, port: context.port, reply })) === true;
  } catch {
    return false;
  }
}

/** PBSZ 0 then PROT P (or C); a refusal ends the session unless `tolerant` (implicit FTPS, where both are assumed done). */
export async function negotiateProtection(context: SecurityContext, tolerant: boolean): Promise<void> {
  const { control, policy, state } = context;
  if (state.commandChannelCleared) {
    throw new FtpError('protocol', 'PBSZ and PROT cannot be sent after CCC', 'tls');
  }
  const level = policy.dataProtection ?? 'P';
  for (const [command, arg] of [['PBSZ', '0'], ['PROT', level]] as const) {
    const reply = await control.send(command, arg, { phase: 'tls', securing: true });
    context.onStep?.(`${command} ${arg}`, reply);
    if (reply.code >= 200 && reply.code < 300) continue;
    if (!tolerant) {
      throw control.fail(
        new FtpError('tls-required', `The server refused ${command} ${arg} (${reply.code} ${reply.text}); the session was ended before login`, 'tls', reply.code),
      );
    }
    control.note('info', `${command} ${arg} refused; implicit FTPS assumes it done`);
  }
  state.dataProtection = level;
}

/** CCC: the control connection goes back to clear text, data stays as PROT set it; a refusal leaves TLS on. */
export async function clearCommandChannel(context: SecurityContext): Promise<Reply> {
  const { control, state } = context;
  if (control.tlsSocket === undefined) throw new FtpError('protocol', 'CCC needs a protected control connection', 'tls');
  if (!control.canStopTls) throw unstoppable('CCC');
  const reply = await control.send('CCC', undefined, { phase: 'tls', detachOn: [200], tlsMayEnd: true, securing: true });
  context.onStep?.('CCC', reply);
  if (reply.code !== 200) {
    control.note('info', `CCC refused (${reply.code}); the control connection stays protected`);
    return reply;
  }
  await control.stopTls();
  state.commandChannelCleared = true;
  control.note('info', 'The control connection is in clear text now (CCC)');
  return reply;
}

/**
 * REIN: the server forgets the login and the TLS session (MS-FTPS 3.2.5.3); the caller negotiates
 * anew. Ordinary commands stay held from here until the caller's `control.endSecuring()` (rule 6).
 */
export async function reinitialize(context: SecurityContext): Promise<Reply> {
  const { control, state } = context;
  const protectedControl = control.tlsSocket !== undefined;
  if (protectedControl && !control.canStopTls) throw unstoppable('REIN');
  control.beginSecuring();
  // Reading stops after the 220 even in clear: implicit FTPS starts TLS again right after it.
  const reply = await control.send('REIN', undefined, { phase: 'command', detachOn: [220], tlsMayEnd: true, securing: true });
  if (reply.code !== 220) {
    // Nothing changed: the session is still protected and logged in.
    control.endSecuring();
    throw new FtpError('command-failed', `REIN failed: ${reply.code} ${reply.text}`, 'command', reply.code);
  }
  if (protectedControl) await control.stopTls();
  else if (context.policy.mode !== 'implicit') control.release();
  for (const key of ['session', 'peerCertificate', 'tlsVersion', 'cipher', 'dataProtection'] as const) delete state[key];
  state.commandChannelCleared = false;
  control.note('info', 'Session reinitialized: unprotected and logged out');
  return reply;
}

// Checked before the command goes out: the server would drop TLS and we could not follow.
function unstoppable(command: string): FtpError {
  return new FtpError('invalid-argument', `${command} needs a session connected with tlsShutdown: TLS runs natively on this one`, 'tls');
}
