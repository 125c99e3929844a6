// The system account virtual FTP users map onto, and password hashing for user files.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Account {
  name: string;
  uid: number;
  gid: number;
}

function fromPasswd(name: string): Account | undefined {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
  const [, , uid, gid] = line?.split(':') ?? [];
  return uid && gid ? { name, uid: Number(uid), gid: Number(gid) } : undefined;
}

/**
 * As root: `sluicetest` (made by scripts/install-test-deps.sh), else `nobody` — never root,
 * so FTP sessions run unprivileged. Not root: the current user (only pyftpdlib copes).
 */
export function serverAccount(): Account {
  if (process.getuid?.() !== 0) {
    const me = os.userInfo();
    return { name: me.username, uid: me.uid, gid: me.gid };
  }
  const account = fromPasswd('sluicetest') ?? fromPasswd('nobody');
  if (!account) throw new Error('no sluicetest or nobody account: run scripts/install-test-deps.sh');
  return account;
}

/** SHA-512 crypt(3) hash ("$6$..."), understood by pam_pwdfile, proftpd and pure-ftpd. */
export async function cryptSha512(password: string): Promise<string> {
  const child = run('openssl', ['passwd', '-6', '-stdin']);
  child.child.stdin?.end(password + '\n');
  const { stdout } = await child;
  return stdout.trim();
}
