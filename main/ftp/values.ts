import { FtpError } from './errors';

/** The path in a 257 reply (`257 "/a ""quoted"" dir" created`), with doubled quotes undone. */
export function parsePathReply(text: string): string | undefined {
  const start = text.indexOf('"');
  if (start === -1) return undefined;
  let path = '';
  for (let index = start + 1; index < text.length; index += 1) {
    const char = text[index] as string;
    if (char !== '"') {
      path += char;
    } else if (text[index + 1] === '"') {
      path += '"';
      index += 1;
    } else {
      return path;
    }
  }
  return undefined;
}

const MDTM = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,3})\d*)?$/;

/** The time in an MDTM reply (`YYYYMMDDHHMMSS[.sss]`, UTC per RFC 3659 §2.3), or undefined. */
export function parseMdtm(text: string): Date | undefined {
  const match = MDTM.exec(text.trim());
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const millis = Number((match[7] ?? '0').padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const time = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  return Number.isNaN(time) ? undefined : new Date(time);
}

/** A time as MFMT wants it: `YYYYMMDDHHMMSS` in UTC. */
export function formatMfmt(time: Date): string {
  if (Number.isNaN(time.getTime())) throw new FtpError('invalid-argument', 'MFMT needs a valid time', 'command');
  return time.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** The size in a SIZE reply, or undefined when it is not a safe whole number. */
export function parseSize(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const size = Number(trimmed);
  return Number.isSafeInteger(size) ? size : undefined;
}

/** Checks a SITE CHMOD mode: three or four octal digits. */
export function assertChmodMode(mode: string): void {
  if (!/^[0-7]{3,4}$/.test(mode)) {
    throw new FtpError('invalid-argument', `Not an octal file mode: ${JSON.stringify(mode)}`, 'command');
  }
}
