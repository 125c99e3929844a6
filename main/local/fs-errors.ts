import { SluiceError, type ErrorKind } from '../../shared/errors';

const kindByCode: Readonly<Record<string, ErrorKind>> = {
  ENOENT: 'not-found',
  EACCES: 'permission-denied',
  EPERM: 'permission-denied',
  EROFS: 'permission-denied',
  EEXIST: 'exists',
  ENOTEMPTY: 'not-empty',
  ENOTDIR: 'not-a-directory',
  EISDIR: 'is-a-directory',
};

const sentenceByKind: Partial<Record<ErrorKind, string>> = {
  'not-found': 'No such file or folder',
  'permission-denied': 'Permission denied',
  exists: 'A file or folder with that name already exists',
  'not-empty': 'The folder is not empty',
  'not-a-directory': 'Not a folder',
  'is-a-directory': 'Is a folder',
};

/** Turns a Node file-system error into a typed SluiceError naming the path. */
export function toLocalError(error: unknown, path: string): SluiceError {
  if (error instanceof SluiceError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const kind = kindByCode[code] ?? 'io';
  const sentence = sentenceByKind[kind] ?? `Could not complete the operation (${code || String(error)})`;
  return new SluiceError(kind, `${sentence}: ${path}`);
}
