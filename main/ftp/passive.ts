import { FtpError } from './errors';

/** What a 227 reply names: an IPv4 address (never connected to, rule 12) and a port. */
export interface PasvAddress {
  readonly host: string;
  readonly port: number;
}

// "227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)"; the parentheses are optional in practice (RFC 1123 §4.1.2.6).
const PASV = /(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3}),(\d{1,3})/;
// "229 Entering Extended Passive Mode (|||port|)": any printable delimiter, used four times (RFC 2428 §3).
const EPSV = /\(([!-~])\1\1(\d{1,5})\1\)/;

/** Parses a 227 reply; throws a typed 'protocol' error for a malformed one or a port outside 1..65535. */
export function parsePasvReply(text: string): PasvAddress {
  const match = PASV.exec(text);
  if (match === null) throw malformed('PASV', text);
  const numbers = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (numbers.some((value) => value > 255)) throw malformed('PASV', text);
  const port = numbers[4] * 256 + numbers[5];
  return { host: numbers.slice(0, 4).join('.'), port: validPort(port, 'PASV', text) };
}

/** Parses a 229 reply into its port; throws a typed 'protocol' error for a malformed one or a port outside 1..65535. */
export function parseEpsvReply(text: string): number {
  const match = EPSV.exec(text);
  if (match === null) throw malformed('EPSV', text);
  return validPort(Number(match[2]), 'EPSV', text);
}

function validPort(port: number, command: string, text: string): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new FtpError('protocol', `The ${command} reply names port ${port}, outside 1..65535: ${text}`, 'data');
  }
  return port;
}

function malformed(command: string, text: string): FtpError {
  return new FtpError('protocol', `Cannot read the ${command} reply: ${text}`, 'data');
}
