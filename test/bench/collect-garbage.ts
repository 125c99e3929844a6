// A full collection before each timed micro sample. Without it a sample also pays to collect
// what the previous sample left behind (100,000 dead entries of the last parse): work the code
// under test did not cause, landing in whichever sample the collector picks. The collections
// the sample's own allocations cause are still timed.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// V8 exposes gc() only to contexts created after the flag is set; the bench runs under tsx,
// whose command line is not ours to extend.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export function collectGarbage(): void {
  gc();
}
