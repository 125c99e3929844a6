import { describe, expect, it } from 'vitest';
import type { ClientResult, ScenarioResult } from '../../bench/measure';
import { defineMicro, measureMicro } from '../../bench/micro';
import { clientCpuRows, microRows, serverCpuRows, transferRows } from '../../bench/report';
import { TRANSFERS } from '../../bench/scenarios';

const treeUp = TRANSFERS.find((scenario) => scenario.id === 'tree-up')!;

function client(name: string, role: ClientResult['role'], seconds: number[], serverCpu: number[]): ClientResult {
  return { client: name, role, supported: true, samples: seconds.map((s, i) => ({ seconds: s, serverCpuSeconds: serverCpu[i]! })) };
}

/** A tree-up result where lftp takes 3.6 s: 4× lftp allows 0.9 s. */
function treeUpResult(serverCpu: number[]): ScenarioResult {
  return { scenario: treeUp, clients: [client('sluice', 'subject', [4, 4.5, 4.2], serverCpu), client('lftp', 'peer', [3.6, 3.5, 3.7], serverCpu)] };
}

describe('the bench report', () => {
  it('says when the server alone rules a ratio target out, from its least CPU in a run over the cores', () => {
    const [sluice, lftp] = transferRows([treeUpResult([2.9, 2.6, 3.1])], 2);
    expect(sluice!.verdict).toBe('FAIL');
    expect(sluice!.notes).toEqual([
      'the target allows 0.90 s, but the server alone needs ≥ 1.30 s here (its least CPU in a run, 2.60 s, over 2 cores): out of reach on this machine',
    ]);
    // Peers are the yardstick: no verdict, no note.
    expect(lftp!.notes).toEqual([]);
  });

  it('adds nothing when the server leaves room for the target', () => {
    // 1.6 s of server CPU over 4 cores is 0.4 s, under the 0.9 s the target allows.
    const [sluice] = transferRows([treeUpResult([1.6, 1.7, 1.8])], 4);
    expect(sluice!.notes).toEqual([]);
  });

  it("lists the server's CPU per client, and nothing when it could not be read", () => {
    const rows = serverCpuRows([treeUpResult([2.9, 2.6, 3.1])]);
    expect(rows.map((row) => [row.client, row.median, row.target])).toEqual([
      ['sluice', 2.9, ''],
      ['lftp', 2.9, ''],
    ]);
    const unread: ScenarioResult = { scenario: treeUp, clients: [{ client: 'sluice', role: 'subject', supported: true, samples: [{ seconds: 4 }] }] };
    expect(serverCpuRows([unread])).toEqual([]);
  });

  it("lists the client's own user and system CPU per client, and nothing when no client's could be read", () => {
    const timed = (name: string, role: ClientResult['role'], cpu: Array<[number, number]>): ClientResult => ({
      client: name, role, supported: true, samples: cpu.map(([user, system]) => ({ seconds: 3, clientCpu: { user, system } })),
    });
    const result: ScenarioResult = { scenario: treeUp, clients: [timed('sluice', 'subject', [[1.5, 0.9], [1.4, 4.9], [1.6, 1.0]]), timed('curl', 'peer', [[0.7, 1.5], [0.8, 1.6], [0.9, 1.4]])] };
    expect(clientCpuRows([result]).map((row) => [row.title, row.client, row.median, row.verdict])).toEqual([
      [`${treeUp.title}: client user CPU`, 'sluice', 1.5, ''],
      [`${treeUp.title}: client user CPU`, 'curl', 0.8, ''],
      [`${treeUp.title}: client system CPU`, 'sluice', 1.0, ''],
      [`${treeUp.title}: client system CPU`, 'curl', 1.5, ''],
    ]);
    expect(clientCpuRows([treeUpResult([2.9, 2.6, 3.1])])).toEqual([]);
  });

  it('times a micro scenario and its peer in turn, judges the target on its own time, and gives their ratio', async () => {
    let calls = '';
    const scenario = defineMicro({
      id: 'sum', title: 'sum 3 numbers', setup: () => [1, 2, 3],
      run: (input: number[]) => { calls += 's'; return input.reduce((a, b) => a + b, 0); },
      check: (sum: number) => { if (sum !== 6) throw new Error('wrong sum'); },
      target: { kind: 'below', limit: 100_000 },
      peer: {
        name: 'JSON', note: 'the same sum through JSON', setup: (input: number[]) => JSON.stringify(input),
        run: (json: string) => { calls += 'p'; return (JSON.parse(json) as number[]).length; },
        check: (length: number) => { if (length !== 3) throw new Error('wrong length'); },
      },
      repeats: 3,
    });
    const result = await measureMicro(scenario, 10);
    // A warm-up of each, then the two alternate.
    expect(calls).toBe('spspspsp');
    expect(result.samplesMs).toHaveLength(3);
    expect(result.peerSamplesMs).toHaveLength(3);
    const [own, peer] = microRows([{ ...result, samplesMs: [10, 20, 30], peerSamplesMs: [30, 40, 50] }]);
    expect(own).toMatchObject({ client: 'in-process', median: 20, ratio: 2, reference: 'JSON', verdict: 'PASS' });
    expect(peer).toMatchObject({ client: 'JSON', role: 'peer', median: 40, ratio: 1, verdict: '', notes: ['the same sum through JSON'] });
  });

  it('fails a micro scenario whose peer gives a wrong output, with no time', async () => {
    const scenario = defineMicro({
      id: 'x', title: 'x', setup: () => 1, run: (n: number) => n, check: () => undefined,
      peer: { name: 'bad', note: '', setup: (n: number) => n, run: (n: number) => n, check: () => { throw new Error('peer output wrong'); } },
    });
    const result = await measureMicro(scenario, 2);
    expect(result.error).toBe('peer output wrong');
    expect(microRows([result])[0]?.median).toBeUndefined();
  });
});
