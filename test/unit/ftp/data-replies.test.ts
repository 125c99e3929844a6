import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatEprt, formatPort, unmapped } from '../../../main/ftp/active';
import { FtpError } from '../../../main/ftp/errors';
import { parseEpsvReply, parsePasvReply } from '../../../main/ftp/passive';

function thrown(run: () => unknown): FtpError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FtpError);
    return error as FtpError;
  }
  throw new Error('did not throw');
}

describe('PASV and EPSV replies (rule 12)', () => {
  it('reads a 227 address and port, with or without parentheses', () => {
    expect(parsePasvReply('Entering Passive Mode (127,0,0,1,195,80).')).toEqual({ host: '127.0.0.1', port: 50000 });
    expect(parsePasvReply('Entering Passive Mode 10,1,2,3,4,1')).toEqual({ host: '10.1.2.3', port: 1025 });
  });

  it('reads a 229 port with any delimiter', () => {
    expect(parseEpsvReply('Entering Extended Passive Mode (|||50000|)')).toBe(50000);
    expect(parseEpsvReply('Entering Extended Passive Mode (!!!21!)')).toBe(21);
  });

  it('refuses malformed replies and ports outside 1..65535 with a typed protocol error', () => {
    for (const text of ['Entering Passive Mode', '(1,2,3)', '(256,0,0,1,1,1)', '(127,0,0,1,0,0)', '(127,0,0,1,256,0)']) {
      expect(thrown(() => parsePasvReply(text))).toMatchObject({ kind: 'protocol', phase: 'data' });
    }
    for (const text of ['(|||0|)', '(|||65536|)', '(|||99999|)', '(||50000|)', '(|||x|)', '(|1|127.0.0.1|50000|)', '']) {
      expect(thrown(() => parseEpsvReply(text))).toMatchObject({ kind: 'protocol', phase: 'data' });
    }
  });

  it('round-trips every valid port and never accepts an invalid one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 65535 }), (port) => {
        expect(parseEpsvReply(`Extended (|||${port}|)`)).toBe(port);
        expect(parsePasvReply(`Passive (127,0,0,1,${port >> 8},${port & 255})`).port).toBe(port);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        try {
          const port = parseEpsvReply(text);
          expect(port >= 1 && port <= 65535).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(FtpError);
        }
      }),
    );
  });
});

describe('EPRT and PORT arguments (rule 14)', () => {
  it('formats IPv4 and IPv6 listeners', () => {
    expect(formatEprt('127.0.0.1', 50000)).toBe('|1|127.0.0.1|50000|');
    expect(formatEprt('::1', 21)).toBe('|2|::1|21|');
    expect(formatPort('127.0.0.1', 50000)).toBe('127,0,0,1,195,80');
    expect(formatPort('::ffff:127.0.0.1', 1025)).toBe('127,0,0,1,4,1');
    expect(formatPort('::1', 21)).toBeUndefined();
    expect(unmapped('::FFFF:10.0.0.1')).toBe('10.0.0.1');
    expect(unmapped('::1')).toBe('::1');
  });
});
