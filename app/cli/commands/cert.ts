import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import type { PinRecord } from '../../../shared/services/trust';
import type { CliCommand, CliIo } from '../command';
import { dataDirOf } from '../tls-flags';
import { openTrust } from '../trust';

/** `HOST:PORT` or `[IPv6]:PORT`, as `sluice cert list` prints it. */
export function parseHostPort(text: string): { host: string; port: number } {
  const match = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:[\]\s]+):(\d+)$/.exec(text);
  const port = Number(match?.[2]);
  if (!match || !(port >= 1 && port <= 65535)) {
    throw new Error(`cert remove takes HOST:PORT (IPv6 as [::1]:21), e.g. ftp.example.org:21 — not ${text}`);
  }
  return { host: match[1]!, port };
}

/** `host:port`, with brackets around an IPv6 address. */
export function hostPortText(host: string, port: number): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

const when = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');

function formatPins(pins: readonly PinRecord[], where: string): string {
  if (pins.length === 0) return `No pinned certificates (${where}).\n`;
  const blocks = pins.map((pin) =>
    [
      hostPortText(pin.host, pin.port),
      `  SHA-256     ${pin.sha256}`,
      `  Subject     ${pin.subject.replaceAll('\n', ', ')}`,
      `  Issuer      ${pin.issuer.replaceAll('\n', ', ')}`,
      `  Valid to    ${when(pin.validTo)}${pin.validTo < Date.now() ? '  (expired)' : ''}`,
      `  Pinned      ${when(pin.firstSeen)} from the ${pin.decidedBy === 'cli' ? 'command line' : 'certificate dialog'}`,
      `  Last seen   ${when(pin.lastSeen)}`,
    ].join('\n'),
  );
  return `${blocks.join('\n\n')}\n`;
}

async function list(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { json: { type: 'boolean' }, 'data-dir': { type: 'string' } } });
  if (positionals.length > 0) throw new Error('cert list takes no arguments');
  const dataDir = dataDirOf(values['data-dir'], io.env);
  const pins = await openTrust(dataDir, [], io.err).listPins();
  io.out(values.json ? `${JSON.stringify(pins, null, 2)}\n` : formatPins(pins, dataDir));
  return 0;
}

async function remove(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { 'data-dir': { type: 'string' } } });
  if (positionals.length !== 1) throw new Error('cert remove takes one HOST:PORT, e.g. sluice cert remove ftp.example.org:21');
  const { host, port } = parseHostPort(positionals[0]!);
  const trust = openTrust(dataDirOf(values['data-dir'], io.env), [], io.err);
  const before = await trust.listPins();
  await trust.removePin(host, port);
  if ((await trust.listPins()).length === before.length) {
    io.err(`sluice: no certificate is pinned for ${hostPortText(host, port)}\n`);
    return 1;
  }
  io.out(`Forgot the certificate pinned for ${hostPortText(host, port)}; the next connection asks again.\n`);
  return 0;
}

/** `sluice cert list|remove`: the pinned certificates the app and the CLI share. */
export const certCommand: CliCommand = {
  name: 'cert',
  summary: 'list or forget pinned server certificates (the trust store)',
  usage: `Usage: sluice cert list [--json] [--data-dir DIR]
       sluice cert remove HOST:PORT [--data-dir DIR]

The trust store holds the server certificates pinned with "Always trust" in the app or
[a]lways on the command line. A pinned certificate is trusted for its host and port even
when no authority vouches for it; a different certificate there is refused until you decide.

Options:
  --json          print the pins as JSON (with each certificate's PEM)
  --data-dir DIR  the data folder holding trust.json; default $XDG_DATA_HOME/sluice`,

  async run(argv, io) {
    const [action, ...rest] = argv;
    switch (action) {
      case 'list':
        return list(rest, io);
      case 'remove':
        return remove(rest, io);
      default:
        io.err(`sluice: cert takes "list" or "remove", not ${action === undefined ? 'nothing' : `"${action}"`}. Run "sluice cert --help".\n`);
        return 2;
    }
  },
};
