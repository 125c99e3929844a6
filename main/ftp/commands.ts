import type { ControlConnection, SendOptions } from './control';
import { FtpError } from './errors';
import type { Reply } from './reply';
import { formatMfmt, parseMdtm, parsePathReply, parseSize } from './values';

/** Sends a command and requires one of `codes` as its reply; anything else is a typed 'command-failed'. */
export async function expectReply(control: ControlConnection, command: string, arg: string | undefined, codes: readonly number[], what: string, options: SendOptions = {}): Promise<Reply> {
  const reply = await control.send(command, arg, options);
  if (!codes.includes(reply.code)) {
    throw new FtpError('command-failed', `${what} failed: ${reply.code} ${reply.text}`, options.phase ?? 'command', reply.code);
  }
  return reply;
}

/** The current remote folder (PWD). */
export async function printWorkingDirectory(control: ControlConnection, options: SendOptions = {}): Promise<string> {
  const reply = await expectReply(control, 'PWD', undefined, [257], 'PWD', options);
  const path = parsePathReply(reply.text);
  if (path === undefined) throw new FtpError('protocol', `No path in the PWD reply: ${reply.text}`, 'command', reply.code);
  return path;
}

/** A file's size in bytes (SIZE, in the current TYPE). */
export async function sizeOf(control: ControlConnection, path: string): Promise<number> {
  const reply = await expectReply(control, 'SIZE', path, [213], `SIZE ${path}`);
  const size = parseSize(reply.text);
  if (size === undefined) throw new FtpError('protocol', `No size in the SIZE reply: ${reply.text}`, 'command', 213);
  return size;
}

/** A file's modification time (MDTM, UTC). */
export async function modificationTimeOf(control: ControlConnection, path: string): Promise<Date> {
  const reply = await expectReply(control, 'MDTM', path, [213], `MDTM ${path}`);
  const time = parseMdtm(reply.text);
  if (time === undefined) throw new FtpError('protocol', `No time in the MDTM reply: ${reply.text}`, 'command', 213);
  return time;
}

/** Sets a file's modification time (MFMT, whole seconds, UTC). */
export async function setModificationTime(control: ControlConnection, path: string, time: Date): Promise<void> {
  await expectReply(control, 'MFMT', `${formatMfmt(time)} ${path}`, [213, 253], `MFMT ${path}`);
}
