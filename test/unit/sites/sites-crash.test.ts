import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SitesStore } from '../../../main/sites/sites-store';
import type { CorruptFileReport } from '../../../main/sites/versioned-file';
import { makeTempDir } from '../../support/temp-dir';

let temp: ReturnType<typeof makeTempDir>;
afterEach(() => temp?.remove());

describe('the sites file under kill -9', () => {
  it('always holds one whole, valid version, and never goes back in time', async () => {
    temp = makeTempDir();
    const store = () => new SitesStore(path.join(temp.path, 'sites.json'), { onCorruptFile: (report) => reports.push(report) });
    const reports: CorruptFileReport[] = [];
    const seen: number[] = [];
    for (let round = 0; round < 6; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'sites-writer-child.ts'), temp.path], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // A child that dies on its own ends the wait too, and fails the length check below.
      await Promise.race([new Promise((resolve) => child.stdout!.once('data', resolve)), exited]);
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
      child.kill('SIGKILL');
      await exited;
      const { sites } = await store().read();
      expect(sites).toHaveLength(1);
      seen.push(Number.parseInt(sites[0]!.comments ?? '', 10));
    }
    expect(reports).toEqual([]);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    // The children really were rewriting the file when they died.
    expect(Math.max(...seen)).toBeGreaterThan(0);
  }, 60_000);
});
