import { File, FileSymlink, Folder, FolderSymlink, FileQuestion } from 'lucide-react';
import type { PaneEntry } from './entry';

/** The icon for an entry; decorative, since the Kind column says the same in words. */
export function EntryIcon({ entry }: { entry: PaneEntry }) {
  const props = { size: 15, strokeWidth: 1.75, 'aria-hidden': true, className: `entry-icon entry-icon-${entry.kind}` } as const;
  switch (entry.kind) {
    case 'dir':
      return <Folder {...props} />;
    case 'symlink':
      return entry.target?.kind === 'dir' ? <FolderSymlink {...props} /> : <FileSymlink {...props} />;
    case 'other':
      return <FileQuestion {...props} />;
    case 'file':
      return <File {...props} />;
  }
}
