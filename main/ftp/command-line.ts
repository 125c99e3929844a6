import type { Charset } from './charset';
import { FtpError, type FtpPhase } from './errors';

const FORBIDDEN = /[\r\n\0]/;
const CRLF = Buffer.from('\r\n');

/** Throws the typed error for a command word or argument that could smuggle a second command (rule 15). */
export function assertSafeCommand(command: string, arg: string | undefined, phase: FtpPhase): void {
  if (command === '' || /\s/.test(command) || FORBIDDEN.test(command)) {
    throw new FtpError('injection', `Refused to send the command word ${JSON.stringify(command)}`, phase);
  }
  if (arg !== undefined && FORBIDDEN.test(arg)) {
    throw new FtpError('injection', `Refused to send ${command}: its argument contains CR, LF or NUL`, phase);
  }
}

/** The bytes of one command line, CRLF-terminated, with the argument in the session's charset; throws typed errors. */
export function encodeCommand(command: string, arg: string | undefined, charset: Charset, phase: FtpPhase): Buffer {
  assertSafeCommand(command, arg, phase);
  const words: Uint8Array[] = [Buffer.from(command, 'latin1')];
  if (arg !== undefined) words.push(Buffer.from(' '), charset.encode(arg));
  const body = Buffer.concat(words);
  // A legacy charset must not turn a character into CR, LF or NUL either.
  if (body.some((byte) => byte === 0x0a || byte === 0x0d || byte === 0)) {
    throw new FtpError('injection', `Refused to send ${command}: its encoded argument contains CR, LF or NUL`, phase);
  }
  return Buffer.concat([body, CRLF]);
}
