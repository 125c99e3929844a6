import { afterAll, afterEach } from 'vitest';
import { makeTempDir } from './temp-dir';

/** A temp folder made anew for each test of the calling file and removed after it: read `.path` inside a test. */
export function useFreshTempDir(prefix: string): { readonly path: string } {
  let current = makeTempDir(prefix);
  afterEach(() => {
    current.remove();
    current = makeTempDir(prefix);
  });
  afterAll(() => current.remove());
  return {
    get path() {
      return current.path;
    },
  };
}
