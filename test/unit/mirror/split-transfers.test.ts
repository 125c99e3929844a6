import { describe, expect, it } from 'vitest';
import type { RemoteEntry } from '../../../shared/remote-entry';
import type { FtpClient } from '../../../main/ftp/client';
import { FtpError } from '../../../main/ftp/errors';
import { LaneLostError, type Lane, type LaneDownload, type LaneJob } from '../../../main/lanes/lane-protocol';
import { SplitTransfers } from '../../../main/mirror/file-transfers';
import type { TaskRunner } from '../../../main/mirror/mirror-types';

const job = (n: number): LaneDownload => ({ kind: 'download', remote: `/r/f${n}`, local: `/l/f${n}`, preserveTime: true, freshFolder: true });

/** A "client" whose download resolves when the test says so, recording which files it ran. */
function hereRunner(ran: string[], settle: Map<string, () => void>): TaskRunner {
  const client = {
    download: (remote: string) =>
      new Promise((resolve) => {
        ran.push(remote);
        settle.set(remote, () => resolve({ bytes: 1, resumedFrom: 0, size: 1 }));
      }),
    mkdir: (remote: string) =>
      new Promise((resolve) => {
        ran.push(`mkdir ${remote}`);
        settle.set(`mkdir ${remote}`, () => resolve(undefined));
      }),
  } as unknown as FtpClient;
  return { run: (task) => task(client) };
}

/** A lane that holds each file until the test settles it with a result or an error. */
class FakeLane implements Lane {
  readonly held = new Map<string, { resolve: (r: unknown) => void; reject: (e: unknown) => void }>();
  usable = true;
  constructor(readonly size: number) {}
  get inFlight(): number {
    return this.held.size;
  }
  run(item: LaneJob): Promise<{ bytes: number }> {
    return this.hold(item.remote) as Promise<{ bytes: number }>;
  }
  list(remote: string): Promise<RemoteEntry[]> {
    return this.hold(`list ${remote}`) as Promise<RemoteEntry[]>;
  }
  makeFolder(remote: string): Promise<void> {
    return this.hold(`mkdir ${remote}`) as Promise<void>;
  }
  private hold(key: string): Promise<unknown> {
    if (!this.usable) return Promise.reject(new LaneLostError('gone'));
    return new Promise((resolve, reject) => {
      this.held.set(key, {
        resolve: (r) => (this.held.delete(key), resolve(r)),
        reject: (e) => (this.held.delete(key), reject(e)),
      });
    });
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A split over one connection here and a fake lane of `laneSize`; `ran` lists the files run here, `settle` finishes them. */
function splitWith(laneSize: number): { split: SplitTransfers; lane: FakeLane; ran: string[]; settle: Map<string, () => void> } {
  const ran: string[] = [];
  const settle = new Map<string, () => void>();
  const lane = new FakeLane(laneSize);
  return { split: new SplitTransfers(hereRunner(ran, settle), 1, lane), lane, ran, settle };
}

describe('SplitTransfers: files shared between this thread and a transfer lane', () => {
  it('fills both sides up to their room (the lane one file past its connections) and queues the rest', async () => {
    const { split, lane, ran, settle } = splitWith(3);
    const results = Array.from({ length: 8 }, (_, n) => split.run(job(n)));
    await tick();
    expect(lane.held.size).toBe(4);
    expect(ran).toHaveLength(1);
    // A file done on either side lets the next waiting one go there.
    settle.get(ran[0]!)!();
    await tick();
    expect(ran).toHaveLength(2);
    lane.held.values().next().value!.resolve({ bytes: 7 });
    await tick();
    expect(lane.held.size).toBe(4);
    // 8 files: 2 ran here, 5 went to the lane, 1 still waits.
    expect(ran.length + lane.held.size + 1).toBe(7);
    // Drain: whatever runs on either side finishes, until every file is done.
    const settledHere = new Set<string>();
    for (let round = 0; round < 8; round++) {
      for (const held of [...lane.held.values()]) held.resolve({ bytes: 7 });
      for (const remote of ran.filter((r) => !settledHere.has(r))) {
        settledHere.add(remote);
        settle.get(remote)!();
      }
      await tick();
    }
    await expect(Promise.all(results)).resolves.toHaveLength(8);
  });

  it('starts a folder listing before the files already waiting, on whichever side has room', async () => {
    const { split, lane } = splitWith(1);
    // Two files fill the lane (1 connection + 1) and this thread; a third waits.
    const files = [0, 1, 2].map((n) => split.run(job(n)));
    await tick();
    expect(lane.held.size).toBe(2);
    const listing = split.list('/r/sub');
    await tick();
    // The lane's next free slot goes to the listing, not to the waiting file.
    lane.held.get('/r/f0')!.resolve({ bytes: 1 });
    await tick();
    expect([...lane.held.keys()]).toEqual(['/r/f1', 'list /r/sub']);
    const entries: RemoteEntry[] = [{ name: 'a.txt', kind: 'file' }];
    lane.held.get('list /r/sub')!.resolve(entries);
    await expect(listing).resolves.toEqual(entries);
    await expect(files[0]).resolves.toEqual({ bytes: 1 });
  });

  it("makes an upload's folders before the files already waiting, on whichever side has room", async () => {
    const { split, lane, ran, settle } = splitWith(2);
    // Four files fill the lane (2 connections + 1) and this thread; a fifth waits.
    const files = [0, 1, 2, 3, 4].map((n) => split.run(job(n)));
    await tick();
    expect(ran).toEqual(['/r/f3']);
    const folders = [split.makeFolder('/r/a'), split.makeFolder('/r/b')];
    lane.held.get('/r/f0')!.resolve({ bytes: 1 });
    settle.get('/r/f3')!();
    await tick();
    // Each side's next slot went to a folder; the waiting file still waits.
    expect([...lane.held.keys()]).toContain('mkdir /r/a');
    expect(ran).toEqual(['/r/f3', 'mkdir /r/b']);
    expect([...lane.held.keys()]).not.toContain('/r/f4');
    lane.held.get('mkdir /r/a')!.resolve(undefined);
    settle.get('mkdir /r/b')!();
    await expect(Promise.all(folders)).resolves.toEqual([undefined, undefined]);
    await tick();
    expect([...lane.held.keys()]).toContain('/r/f4');
    await expect(files[0]).resolves.toEqual({ bytes: 1 });
  });

  it('runs the files of a lane that went away on this thread, and sends the lane no more', async () => {
    const { split, lane, ran, settle } = splitWith(2);
    const results = Array.from({ length: 4 }, (_, n) => split.run(job(n)));
    await tick();
    const onLane = [...lane.held.keys()];
    expect(onLane).toHaveLength(3);
    lane.usable = false;
    for (const held of [...lane.held.values()]) held.reject(new LaneLostError('worker died'));
    // Every file now runs here, one at a time; none fails.
    for (let i = 0; i < 4; i++) {
      await tick();
      settle.get(ran[i]!)!();
    }
    await expect(Promise.all(results)).resolves.toHaveLength(4);
    expect(new Set(ran)).toEqual(new Set(['/r/f0', '/r/f1', '/r/f2', '/r/f3']));
  });

  it("fails a file the server refused in the lane, without running it again here", async () => {
    const { split, lane, ran, settle } = splitWith(1);
    const refused = split.run(job(0));
    await tick();
    lane.held.get('/r/f0')!.reject(new FtpError('command-failed', 'RETR failed: 550 No such file', 'command', 550));
    await expect(refused).rejects.toMatchObject({ kind: 'command-failed', code: 550 });
    expect(ran).toEqual([]);
  });

  it('takes a lane that loses connections twice out of the split; their files run here', async () => {
    const { split, lane, ran, settle } = splitWith(1);
    const results = [0, 1, 2, 3].map((n) => split.run(job(n)));
    await tick();
    const reset = (): FtpError => new FtpError('connection-closed', 'The server closed the connection', 'command');
    for (const held of [...lane.held.values()]) held.reject(reset());
    await tick();
    for (const held of [...lane.held.values()]) held.reject(reset());
    await tick();
    expect(lane.held.size).toBe(0);
    for (let i = 0; i < 4; i++) {
      settle.get(ran[i]!)!();
      await tick();
    }
    await expect(Promise.all(results)).resolves.toHaveLength(4);
    expect(ran).toHaveLength(4);
  });
});
