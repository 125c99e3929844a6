// Child process for the crash test: rewrites one file as fast as it can, each version a
// complete JSON document, until it is killed with SIGKILL.
import { writeFileAtomic } from '../../main/persist/atomic-file';

const target = process.argv[2]!;
let version = 0;
process.stdout.write('ready\n');
for (;;) {
  version++;
  await writeFileAtomic(target, JSON.stringify({ version, padding: 'x'.repeat(64 * 1024 + (version % 977)) }));
}
