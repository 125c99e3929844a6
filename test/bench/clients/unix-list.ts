// Just enough of a Unix `ls -l` LIST parser for the curl client to walk vsftpd's tree.
// Not Sluice's parser (main/ftp/listing/ is): this only needs type and name.

export interface ListEntry { name: string; isDir: boolean }

// perms links owner group size month day time-or-year name
const LINE = /^([-dl])\S*\s+\d+\s+\S+\s+\S+\s+\d+\s+\S+\s+\S+\s+\S+ (.+)$/;

export function parseUnixList(text: string): ListEntry[] {
  const entries: ListEntry[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const m = LINE.exec(raw);
    if (!m || !m[1] || !m[2]) continue; // "total N" and blank lines
    if (m[1] === 'l') continue; // the bench tree has no links; don't follow any
    if (m[2] === '.' || m[2] === '..') continue;
    entries.push({ name: m[2], isDir: m[1] === 'd' });
  }
  return entries;
}
