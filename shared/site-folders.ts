// Folder paths of the Site Manager (`Work/Clients`), the same in main and in the renderer.

/** The names of a folder path, without empty or padded ones: `Work//Clients/ ` → Work, Clients. */
export function folderSegments(path: string): string[] {
  return path
    .split('/')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** A folder path in its one written form: `Work//Clients/ ` is `Work/Clients`. */
export function normalizeFolder(path: string): string {
  return folderSegments(path).join('/');
}

/** True when `folder` is `path` or inside it (both in written form). */
export function isWithinFolder(folder: string, path: string): boolean {
  return folder === path || folder.startsWith(`${path}/`);
}
