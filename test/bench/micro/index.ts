// The registry of micro scenarios (see ../micro.ts and ../README.md). Empty until the
// listing parsers land; the entries will be MLSD and LIST parsing of 100,000
// entries, each with target { kind: 'below', limit: 100 } (ms).
import type { MicroScenario } from '../micro';

export const MICRO: readonly MicroScenario[] = [];
