import { describe, expect, it } from 'vitest';
import type { FileExistsAction } from '../../../shared/services/prompts';
import { ExistsPolicy, type AskFileExists, type Conflict } from '../../../main/transfers/exists-policy';
import { canResume, decideExists, freeName, numberedName } from '../../../main/transfers/file-exists';

const newer = { size: 100, modified: Date.UTC(2024, 0, 2) };
const older = { size: 40, modified: Date.UTC(2024, 0, 1) };

describe('file-exists decisions', () => {
  it('offers resume only for a shorter target', () => {
    expect(canResume({ size: 100 }, { size: 40 })).toBe(true);
    expect(canResume({ size: 100 }, { size: 100 })).toBe(false);
    expect(canResume({}, { size: 1 })).toBe(false);
  });

  it('overwrites if newer by whole seconds, else by size when times are unknown', () => {
    expect(decideExists('overwrite-if-newer', newer, older, 'x')).toEqual({ action: 'overwrite' });
    expect(decideExists('overwrite-if-newer', older, newer, 'x').action).toBe('skip');
    expect(decideExists('overwrite-if-newer', { size: 5, modified: 1_000_400 }, { size: 5, modified: 1_000_000 }, 'x').action).toBe('skip');
    expect(decideExists('overwrite-if-newer', { size: 5 }, { size: 5 }, 'x').action).toBe('skip');
    expect(decideExists('overwrite-if-newer', { size: 5 }, { size: 6 }, 'x')).toEqual({ action: 'overwrite' });
  });

  it('resumes a prefix, skips a complete copy and overwrites a longer one', () => {
    expect(decideExists('resume', { size: 10 }, { size: 4 }, 'x')).toEqual({ action: 'resume' });
    expect(decideExists('resume', { size: 10 }, { size: 10 }, 'x').action).toBe('skip');
    expect(decideExists('resume', { size: 10 }, { size: 20 }, 'x')).toEqual({ action: 'overwrite' });
    expect(decideExists('rename', {}, {}, 'a (1).txt')).toEqual({ action: 'rename', newName: 'a (1).txt' });
    expect(decideExists('skip', {}, {}, 'x').action).toBe('skip');
  });

  it('suggests the first free "name (n).ext"', async () => {
    expect(numberedName('report.pdf', 1)).toBe('report (1).pdf');
    expect(numberedName('archive.tar.gz', 2)).toBe('archive.tar (2).gz');
    expect(numberedName('.bashrc', 1)).toBe('.bashrc (1)');
    expect(numberedName('README', 3)).toBe('README (3)');
    const taken = new Set(['a (1).txt', 'a (2).txt']);
    expect(await freeName('a.txt', (name) => taken.has(name))).toBe('a (3).txt');
  });
});

describe('file-exists policy', () => {
  const conflict = (name: string, siteId?: string): Conflict => ({
    direction: 'upload',
    ...(siteId === undefined ? {} : { siteId }),
    source: { path: `/local/${name}`, size: 100 },
    target: { path: `/remote/${name}`, size: 40 },
    suggestedName: `${name} (1)`,
  });

  function asker(answers: { action: FileExistsAction; applyToAll: boolean; newName?: string }[]) {
    const asked: string[] = [];
    const ask: AskFileExists = async (question) => {
      asked.push(question.target.path);
      expect(question.canResume).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const answer = answers.shift();
      if (answer === undefined) throw new Error('asked once too often');
      return { kind: 'file-exists', ...answer };
    };
    return { ask, asked };
  }

  it('asks one question at a time and remembers "apply to all" for the run', async () => {
    const { ask, asked } = asker([{ action: 'resume', applyToAll: true }, { action: 'skip', applyToAll: false }]);
    const policy = new ExistsPolicy(ask, () => undefined);
    const decisions = await Promise.all(['a', 'b', 'c'].map((name) => policy.decide(conflict(name))));
    expect(decisions).toEqual([{ action: 'resume' }, { action: 'resume' }, { action: 'resume' }]);
    expect(asked).toEqual(['/remote/a']);
    policy.endRun();
    expect((await policy.decide(conflict('d'))).action).toBe('skip');
    expect(asked).toEqual(['/remote/a', '/remote/d']);
  });

  it('uses the site default without asking, and the typed new name for rename', async () => {
    const { ask, asked } = asker([{ action: 'rename', applyToAll: false, newName: 'mine.txt' }]);
    const policy = new ExistsPolicy(ask, (siteId) => (siteId === 'site1' ? 'overwrite' : undefined));
    expect(await policy.decide(conflict('a', 'site1'))).toEqual({ action: 'overwrite' });
    expect(await policy.decide(conflict('b', 'site2'))).toEqual({ action: 'rename', newName: 'mine.txt' });
    expect(asked).toEqual(['/remote/b']);
  });
});
