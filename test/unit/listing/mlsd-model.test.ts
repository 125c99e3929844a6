import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMlsd, parseMlsdLine, parseMlstLine, type RemoteEntry } from '../../../main/ftp/listing';
import { parseFactTime } from '../../../main/ftp/listing/mlsd';
import { permissionsFromMode } from '../../../main/ftp/listing/unix-mode';

/**
 * The MLSD parser reads facts in one character scan with shortcuts for the common values; this
 * is the same grammar written the obvious way (split on `;` and `=`), so random lines can show
 * that the scan and its shortcuts give exactly what the grammar says.
 */
function modelFacts(line: string, selfIsDir: boolean): RemoteEntry | 'skip' | undefined {
  const space = line.indexOf(' ');
  if (space < 0 || space >= line.length - 1) return undefined;
  const factsText = line.slice(0, space);
  // `a=1;b=2;` holds two facts; a fact with no `=` (an empty one included) makes the line no MLSD.
  const facts = factsText === '' ? [] : (factsText.endsWith(';') ? factsText.slice(0, -1) : factsText).split(';');
  let kind: RemoteEntry['kind'] | undefined = 'file';
  let linkTarget: string | undefined;
  let size: number | undefined;
  let modified: number | undefined;
  let perm: string | undefined;
  let unique: string | undefined;
  let mode: number | undefined;
  let ownerName: string | undefined;
  let groupName: string | undefined;
  let uid: string | undefined;
  let gid: string | undefined;
  for (const fact of facts) {
    const equals = fact.indexOf('=');
    if (equals < 0) return undefined;
    const value = fact.slice(equals + 1);
    switch (folded(fact.slice(0, equals))) {
      case 'type': {
        const type = folded(value);
        if (type === 'file' || type === 'dir') kind = type;
        else if (type === 'cdir' || type === 'pdir') kind = undefined;
        else if (type.startsWith('os.unix=slink') || type.startsWith('os.unix=symlink')) {
          kind = 'symlink';
          const colon = value.indexOf(':');
          if (colon >= 0 && colon < value.length - 1) linkTarget = value.slice(colon + 1);
        } else kind = 'other';
        break;
      }
      case 'size':
      case 'sizd':
        if (/^\d{1,15}$/.test(value)) size = Number(value);
        break;
      case 'modify':
        modified = parseFactTime(value) ?? modified;
        break;
      case 'perm':
        perm = value;
        break;
      case 'unique':
        unique = value;
        break;
      case 'unix.mode':
        if (/^[0-7]{1,7}$/.test(value)) mode = Number.parseInt(value, 8);
        break;
      case 'unix.owner':
      case 'unix.ownername':
        ownerName = value;
        break;
      case 'unix.group':
      case 'unix.groupname':
        groupName = value;
        break;
      case 'unix.uid':
        uid ??= value;
        break;
      case 'unix.gid':
        gid ??= value;
        break;
      default:
        break;
    }
  }
  if (kind === undefined) {
    if (!selfIsDir) return 'skip';
    kind = 'dir';
  }
  const entry: RemoteEntry = { name: line.slice(space + 1), kind };
  if (linkTarget !== undefined) entry.linkTarget = linkTarget;
  if (size !== undefined) entry.size = size;
  if (modified !== undefined) {
    entry.modified = modified;
    entry.modifiedPrecision = 'second';
  }
  if (perm !== undefined) entry.perm = perm;
  if (unique !== undefined) entry.unique = unique;
  if (mode !== undefined) {
    entry.mode = mode;
    entry.permissions = permissionsFromMode(mode);
  }
  const owner = ownerName ?? uid;
  const group = groupName ?? gid;
  if (owner !== undefined) entry.owner = owner;
  if (group !== undefined) entry.group = group;
  return entry;
}

/** Fact names compare ASCII case-insensitively by OR-ing 0x20; nothing outside ASCII matches a known name. */
function folded(text: string): string {
  return Array.from(text, (character) => {
    const code = character.charCodeAt(0);
    return code < 0x80 && character.length === 1 ? String.fromCharCode(code | 0x20) : '\u007f';
  }).join('');
}

/** Random case, so `Type`, `SIZE` and `unix.Mode` are read like their lower-case names. */
const anyCase = (word: string): fc.Arbitrary<string> =>
  fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }).map((upper) =>
    Array.from(word, (c, i) => (upper[i] === true ? c.toUpperCase() : c)).join(''),
  );

const digits = (min: number, max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((d) => d.join(''));

/** Values that sit next to the shortcuts' edges: what they take, and what they must hand on. */
const factValue = fc.oneof(
  digits(0, 17),
  digits(14, 14),
  fc.tuple(digits(14, 14), fc.constantFrom('.', '.5', '.123', '.1234567', '.x', 'x')).map(([d, tail]) => d + tail),
  fc.constantFrom('20240229235960', '20230229120000', '20241301000000', '20240102030405', '00990101000000'),
  fc.constantFrom('file', 'dir', 'cdir', 'pdir', 'FILE', 'Dir', 'fil', 'files', 'OS.unix=slink:/a/b', 'os.unix=symlink:x', 'OS.unix=slink', 'OS.unix=slink:', 'os.unix=symlin', 'x=y'),
  fc.constantFrom('0755', '755', '4777', '0', '08', '12345670', '0o7', ''),
  fc.constantFrom('ftp', 'root', 'adfrw', 'flcdmpe', 'el', 'Ftp', 'ftp2', 'ft'),
  fc.string({ maxLength: 8 }).filter((s) => !s.includes(';') && !s.includes(' ')),
  fc.string({ unit: 'binary', maxLength: 4 }).filter((s) => !s.includes(';') && !s.includes(' ')),
);

const factName = fc.oneof(
  ...['type', 'size', 'sizd', 'modify', 'perm', 'unique', 'unix.mode', 'unix.owner', 'unix.ownername', 'unix.group', 'unix.groupname', 'unix.uid', 'unix.gid'].map(anyCase),
  fc.constantFrom('', 'types', 'unix.modes', 'unix\u000emode', 'x', 'lang', 'media-type', 'unix.ownernamex', 'ſize', 'unix.uidd'),
);

/** A known fact with a value of its own kind, as servers send them. */
const typedFact = fc.oneof(
  fc.tuple(anyCase('type'), fc.constantFrom('file', 'dir', 'cdir', 'pdir', 'File', 'DIR', 'OS.unix=slink:/srv/x', 'OS.unix=symlink:a', 'OS.unix=slink', 'os.unix=slink:', 'unknown')),
  fc.tuple(fc.oneof(anyCase('size'), anyCase('sizd')), fc.oneof(digits(1, 12), factValue)),
  fc.tuple(anyCase('modify'), fc.oneof(digits(14, 14), fc.constantFrom('20240102030405', '20240102030405.5', '20260321064512'), factValue)),
  fc.tuple(anyCase('perm'), fc.constantFrom('adfrw', 'flcdmpe', 'el', '')),
  fc.tuple(anyCase('unique'), fc.constantFrom('801U1A', '800g9e3779b1', 'a', '')),
  fc.tuple(anyCase('unix.mode'), fc.constantFrom('0644', '0755', '755', '4777', '08', '')),
  fc.tuple(fc.constantFrom('unix.owner', 'unix.ownername', 'unix.group', 'unix.groupname', 'unix.uid', 'unix.gid', 'UNIX.UID'), fc.constantFrom('ftp', 'root', 'Ftp', '0', '1000', 'ft', '')),
).map(([name, value]) => `${name}=${value}`);

/** Any name with any value, and the broken shapes: no `=`, nothing at all. */
const oddFact = fc.oneof(
  fc.tuple(factName, factValue).map(([name, value]) => `${name}=${value}`),
  fc.tuple(factName, factValue).map(([name, value]) => name + value),
  fc.constant(''),
);

/** A facts part (`name=value;` pieces, sometimes broken) and a name, joined as servers do and as they should not. */
const mlsdLine = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.oneof({ weight: 6, arbitrary: typedFact }, { weight: 1, arbitrary: oddFact }),
        fc.oneof({ weight: 12, arbitrary: fc.constant(';') }, { weight: 1, arbitrary: fc.constantFrom('', ';;') }),
      ),
      { maxLength: 9 },
    ),
    fc.oneof({ weight: 8, arbitrary: fc.constant(' ') }, { weight: 1, arbitrary: fc.constantFrom('  ', '') }),
    fc.oneof(fc.constantFrom('file-1.txt', 'a b', '.', '..', 'x;y=z', ' '), fc.string({ maxLength: 12 })),
  )
  .map(([facts, gap, name]) => facts.map(([fact, end]) => fact + end).join('') + gap + name);

describe('MLSD facts against the grammar written plainly', () => {
  it('generates lines that reach every kind of result (so the comparisons below mean something)', () => {
    const results = fc.sample(mlsdLine, { numRuns: 5000, seed: 7 }).map((line) => modelFacts(line, false));
    const entries = results.filter((result): result is RemoteEntry => typeof result === 'object');
    expect(results.filter((result) => result === undefined).length).toBeGreaterThan(100);
    expect(results.filter((result) => result === 'skip').length).toBeGreaterThan(20);
    for (const field of ['size', 'modified', 'perm', 'unique', 'mode', 'owner', 'group', 'linkTarget'] as const) {
      expect(entries.filter((entry) => entry[field] !== undefined).length, field).toBeGreaterThan(20);
    }
  });

  it('read random fact lines exactly as the model does', () => {
    fc.assert(
      fc.property(mlsdLine, (line) => {
        expect(parseMlsdLine(line)).toEqual(modelFacts(line, false));
        // An MLST reply line is SP, then the same facts and name.
        const mlst = modelFacts(line.startsWith(' ') ? line.slice(1) : line, true);
        expect(parseMlstLine(line)).toEqual(mlst === 'skip' ? undefined : mlst);
      }),
      { numRuns: 8000 },
    );
  });

  it('read a listing of such lines, whole and in place, like the model', () => {
    fc.assert(
      fc.property(fc.array(mlsdLine, { maxLength: 30 }), (lines) => {
        // Lines read one after another share the parser's repeated-value caches: a value equal
        // to the previous line's must still be checked to its end.
        const lines2 = lines.filter((line) => !line.includes('\n') && !line.includes('\r'));
        const expected = lines2.map((line) => modelFacts(line, false)).filter((entry): entry is RemoteEntry => entry !== undefined && entry !== 'skip');
        const entries = parseMlsd(lines2.join('\r\n'), { now: 0 }).entries.map(({ unsafe: _unsafe, ...entry }) => entry);
        expect(entries).toEqual(expected);
      }),
      { numRuns: 800 },
    );
  });

  it('read a listing whose lines repeat a few layouts, values repeating or not, like the model', () => {
    // One server's lines: the same facts in the same order, so later lines take the learned
    // shapes (values held literally and read from the line alike), then a stray layout. `Type`
    // and `PERM` name a fact twice on a line, where the later value wins (or the first uid).
    const layout = fc.shuffledSubarray(['type', 'Size', 'modify', 'perm', 'unique', 'UNIX.mode', 'unix.owner', 'unix.group', 'unix.uid', 'lang', 'Type', 'PERM', 'UNIX.UID'], { minLength: 1 });
    const valueFor: Record<string, fc.Arbitrary<string>> = {
      type: fc.constantFrom('file', 'dir', 'File', 'cdir', 'OS.unix=slink:/t', 'OS.unix=slink'),
      Size: fc.constantFrom('1', '4096', '123456789012345', '1234567890123456', 'x'),
      modify: fc.constantFrom('20240102030405', '20240102030405.25', '20241302030405', '2024'),
      perm: fc.constantFrom('adfrw', 'el', ''),
      unique: fc.constantFrom('801U1A', 'a', ''),
      'UNIX.mode': fc.constantFrom('0644', '755', '9', ''),
      'unix.owner': fc.constantFrom('ftp', 'root', ''),
      'unix.group': fc.constantFrom('ftp', 'wheel'),
      'unix.uid': fc.constantFrom('0', '1000'),
      lang: fc.constantFrom('en', ''),
      Type: fc.constantFrom('file', 'dir', 'OS.unix=slink:/u'),
      PERM: fc.constantFrom('adfrw', 'r'),
      'UNIX.UID': fc.constantFrom('0', '33'),
    };
    const listingOf = (names: string[]): fc.Arbitrary<string[]> =>
      fc.array(
        fc.tuple(fc.tuple(...names.map((name) => valueFor[name] ?? fc.constant(''))), fc.constantFrom('a.txt', 'dir x', '..')).map(
          ([values, name]) => `${names.map((fact, i) => `${fact}=${values[i] ?? ''};`).join('')} ${name}`,
        ),
        { minLength: 1, maxLength: 40 },
      );
    fc.assert(
      fc.property(layout.chain(listingOf), layout.chain(listingOf), (lines, others) => {
        const all = [...lines, ...others, ...lines];
        const expected = all.map((line) => modelFacts(line, false)).filter((entry): entry is RemoteEntry => entry !== undefined && entry !== 'skip');
        const entries = parseMlsd(all.join('\n'), { now: 0 }).entries.map(({ unsafe: _unsafe, ...entry }) => entry);
        expect(entries).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('reads RFC 3659 times like Date.UTC does for every valid 14-digit time', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1000, 0, 1)), max: new Date(Date.UTC(9999, 11, 31, 23, 59, 59)), noInvalidDate: true }), (date) => {
        const iso = date.toISOString();
        const value = iso.slice(0, 19).replace(/[-T:]/g, '');
        expect(parseFactTime(value)).toBe(Math.floor(date.getTime() / 1000) * 1000);
        expect(parseFactTime(`${value}.${iso.slice(20, 23)}`)).toBe(date.getTime());
      }),
      { numRuns: 5000 },
    );
  });
});

describe('MLSD shapes', () => {
  it('reads lines with megabytes of facts the long way, without building a pattern of them', () => {
    const huge = 'x'.repeat(2_000_000);
    const lines = [`type=file;perm=${huge};size=1; a`, `type=file;perm=${huge};size=2; b`];
    const result = parseMlsd(lines.join('\r\n'), { now: 0 });
    expect(result.entries.map((entry) => [entry.name, entry.size, entry.perm?.length])).toEqual([
      ['a', 1, huge.length],
      ['b', 2, huge.length],
    ]);
  });
});
