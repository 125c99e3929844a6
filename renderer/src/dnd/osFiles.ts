/**
 * Files dragged in from the system's file manager. A sandboxed Electron renderer cannot see
 * their paths; the preload lends `webUtils.getPathForFile` as `window.sluice.files.pathForFile`.
 * In a browser there is no such bridge and the files cannot be uploaded by path.
 */
interface FilesBridge {
  readonly files?: { readonly pathForFile?: (file: File) => string };
}

/** True when this window can turn dropped system files into paths. */
export function canUploadOsFiles(): boolean {
  const bridge = (window as Window & { sluice?: FilesBridge }).sluice;
  return typeof bridge?.files?.pathForFile === 'function';
}

/**
 * The paths and kinds of system files in a drop. Read during the drop event: the browser
 * empties the DataTransfer afterwards. Files without a path are left out.
 */
export function droppedOsFiles(data: DataTransfer): { path: string; kind: 'file' | 'folder' }[] {
  const pathForFile = (window as Window & { sluice?: FilesBridge }).sluice?.files?.pathForFile;
  if (typeof pathForFile !== 'function') return [];
  const out: { path: string; kind: 'file' | 'folder' }[] = [];
  for (const item of Array.from(data.items)) {
    if (item.kind !== 'file') continue;
    const file = item.getAsFile();
    const path = file ? pathForFile(file) : '';
    if (!path) continue;
    out.push({ path, kind: item.webkitGetAsEntry()?.isDirectory ? 'folder' : 'file' });
  }
  return out;
}
