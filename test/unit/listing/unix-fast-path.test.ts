import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createParseContext } from '../../../main/ftp/listing/date-parts';
import { parseUncommon } from '../../../main/ftp/listing/unix';
import { parseCommonUnixLine } from '../../../main/ftp/listing/unix-common';

const context = createParseContext(Date.UTC(2024, 6, 15, 12));

const pick = <T>(...values: T[]): fc.Arbitrary<T> => fc.constantFrom(...values);
const blanks = fc.oneof({ weight: 20, arbitrary: pick(' ', '  ', '    ') }, { weight: 1, arbitrary: pick('\t', ' \t', '', '\u00a0') });
const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(pick(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));

/** The columns of `ls -l` up to the group, mostly as servers print them, sometimes bent out of shape. */
const columnsToGroup = fc
  .tuple(
    fc.oneof({ weight: 15, arbitrary: pick('-', 'd', 'l') }, { weight: 1, arbitrary: pick('p', 's', 'c', 'b', 'D', '?', 'x') }),
    fc.oneof(
      { weight: 15, arbitrary: pick('rw-r--r--', 'rwxr-xr-x', 'rwxrwxrwx', 'r--------', '---------') },
      { weight: 1, arbitrary: pick('rwsr-sr-t', 'rwSr-Sr-T', 'rwxr-xr-t', 'rw-r--r-x', 'r-xr-xr-s', 'rwxrwxrw', 'rwxrwxrwxx', 'rlxr-xr-x', '?????????') },
    ),
    fc.oneof({ weight: 15, arbitrary: fc.constant('') }, { weight: 1, arbitrary: pick('+', '.', '@', '*') }),
    blanks,
    fc.oneof({ weight: 15, arbitrary: digits(1, 3) }, { weight: 1, arbitrary: pick('', 'x') }),
    blanks,
    // Owners and groups as servers name them. Odd ones (`Jun`, `7K`, `100` as a group) make a line
    // ambiguous, and there the general parser's first-fit reading and the fast path's column
    // reading may differ by design; the corpus pins those down.
    // `a.b`/`aXb` and `g+`/`gg` would match each other if a prefix's text were not read literally.
    pick('ftp', 'root', '1000', 'user', 'a-b', 'www-data', 'Ünïcode', 'a.b', 'aXb'),
    blanks,
    pick('ftp', 'root', 'staff', 'users', 'dom group', 'x.y', 'g+', 'gg'),
  )
  .map((parts) => parts.join(''));

/** The columns from the size on, and the name. */
const columnsFromSize = fc
  .tuple(
    blanks,
    fc.oneof({ weight: 15, arbitrary: digits(1, 12) }, { weight: 1, arbitrary: pick('1,', '1, 3', '33.5k', '12M', '-1', '') }),
    blanks,
    fc.oneof({ weight: 15, arbitrary: pick('Jan', 'Feb', 'Jun', 'Jul', 'Dec', 'jun', 'JUN') }, { weight: 1, arbitrary: pick('Jux', 'Mär', 'Juni', '3', 'Ju', 'Okt.', 'мая') }),
    blanks,
    fc.oneof({ weight: 15, arbitrary: digits(1, 2) }, { weight: 1, arbitrary: pick('0', '32', '123', '29', '31', '') }),
    blanks,
    fc.oneof(
      { weight: 10, arbitrary: fc.tuple(digits(1, 2), digits(2, 2)).map(([h, m]) => `${h}:${m}`) },
      // Years ls would print: the general parser refuses years far off, the fast path any four digits.
      { weight: 10, arbitrary: fc.integer({ min: 1970, max: 2099 }).map(String) },
      { weight: 1, arbitrary: pick('24:00', '12:60', '1:2', '12:345', '99', '2019x', '12:00:05') },
    ),
    // One space, as ls prints it; a name's own leading blanks are covered by ` lead` (the general
    // parser reads ` ..` as `..`, the fast path as a name with a leading space).
    fc.oneof({ weight: 20, arbitrary: fc.constant(' ') }, { weight: 1, arbitrary: pick('', '\t') }),
    fc.oneof(
      pick('file.txt', 'a b', ' lead', 'trail ', 'x -> y', 'link -> ../a b', '.', '..', 'a\rb', 'a\u2028b', 'name -> '),
      fc.string({ maxLength: 10 }).filter((name) => !/^\s/.test(name)),
    ),
  )
  .map((parts) => parts.join(''));

const unixLine = fc.tuple(columnsToGroup, columnsFromSize).map(([head, tail]) => head + tail);

describe('the ls -l fast path', () => {
  it('reads a line exactly as the general Unix parser does, or leaves it to it', () => {
    let taken = 0;
    fc.assert(
      fc.property(unixLine, (line) => {
        const fast = parseCommonUnixLine(line, 0, line.length, context);
        if (fast === undefined) return;
        taken++;
        expect(fast).toEqual(parseUncommon(line, context));
      }),
      { numRuns: 20_000 },
    );
    // The comparison above means something only if the fast path takes most well-formed lines.
    expect(taken).toBeGreaterThan(2500);
  });

  it('reads lines that repeat an earlier line\'s first columns as the general parser does', () => {
    // The fast path reuses the permission, link, owner and group columns of recent lines; a line
    // sharing them with another, or nearly (`ftpx` after `ftp`), must take nothing else from it.
    fc.assert(
      fc.property(columnsToGroup, columnsToGroup, columnsFromSize, columnsFromSize, (head, otherHead, tail, otherTail) => {
        for (const line of [head + tail, head + otherTail, otherHead + tail, head + otherTail, `${head}x${tail}`]) {
          const fast = parseCommonUnixLine(line, 0, line.length, context);
          if (fast !== undefined) expect(fast).toEqual(parseUncommon(line, context));
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('reads lines after a prefix that repeated long enough to be matched by a pattern as the general parser does', () => {
    // A prefix seen on many lines is compared by a compiled pattern instead of startsWith; the
    // lines after it, near misses included, must still take nothing from it they do not hold.
    fc.assert(
      fc.property(columnsToGroup, columnsToGroup, columnsFromSize, columnsFromSize, (head, otherHead, tail, otherTail) => {
        const lines = [...Array<string>(40).fill(head + tail), head + otherTail, otherHead + tail, `${head}x${tail}`, head.replace(/.$/, 'Z') + tail];
        for (const line of lines) {
          const fast = parseCommonUnixLine(line, 0, line.length, context);
          if (fast !== undefined) expect(fast).toEqual(parseUncommon(line, context));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reads a line in place inside a longer text like the line alone', () => {
    fc.assert(
      fc.property(unixLine, fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), (line, before, after) => {
        const text = `${before}\n${line}\n${after}`;
        expect(parseCommonUnixLine(text, before.length + 1, before.length + 1 + line.length, context)).toEqual(
          parseCommonUnixLine(line, 0, line.length, context),
        );
      }),
      { numRuns: 5000 },
    );
  });
});
