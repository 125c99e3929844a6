// Micro scenarios: a pure function timed in-process (e.g. parsing a 100,000-entry
// listing), median of N after a warm-up call so JIT compilation isn't what gets timed, each
// sample on a collected heap (collect-garbage.ts).
// A scenario may name a reference timed in turn with it (e.g. V8's own JSON.parse building the
// same entries): its ratio moves less with the machine's minute than either time does alone.
import { collectGarbage } from './collect-garbage';
import type { Target } from './targets';

/** A reference for a micro scenario: other code doing comparable work, timed alternately with it. */
export interface MicroPeer<Input = unknown, PeerInput = unknown, PeerOutput = unknown> {
  /** The client column, e.g. 'V8 JSON.parse'. */
  name: string;
  /** What it does, for the table's notes. */
  note: string;
  /** Untimed: its input, from the scenario's. */
  setup(input: Input): PeerInput;
  /** Timed, once per repeat, right after the scenario's own run. */
  run(input: PeerInput): PeerOutput;
  /** Throws if its output is wrong. Untimed. */
  check(output: PeerOutput): void;
}

export interface MicroScenario<Input = unknown, Output = unknown> {
  id: string;
  title: string;
  /** Untimed: builds the input (e.g. the listing text). */
  setup(): Input | Promise<Input>;
  /** Timed, once per repeat. */
  run(input: Input): Output | Promise<Output>;
  /** Throws if an output is wrong, so a broken fast function never passes. Untimed. */
  check(output: Output): void;
  /** In milliseconds, e.g. { kind: 'below', limit: 100 }. */
  target?: Target;
  /** Timed repeats; default: the bench's --micro-runs. */
  repeats?: number;
  peer?: MicroPeer<Input>;
}

/** Erases the type parameters so differently typed scenarios fit in one registry. */
export function defineMicro<I, O>(m: MicroScenario<I, O>): MicroScenario {
  return m as unknown as MicroScenario;
}

export interface MicroResult {
  scenario: MicroScenario;
  samplesMs: number[];
  /** The peer's samples, one after each of the scenario's. */
  peerSamplesMs?: number[];
  error?: string;
}

export async function measureMicro(m: MicroScenario, defaultRepeats: number): Promise<MicroResult> {
  try {
    const input = await m.setup();
    m.check(await m.run(input)); // warm-up, and the output is right before anything is timed
    const peer = m.peer;
    const peerInput = peer?.setup(input);
    if (peer !== undefined) peer.check(peer.run(peerInput));
    const samplesMs: number[] = [];
    const peerSamplesMs: number[] = [];
    for (let i = 0; i < (m.repeats ?? defaultRepeats); i++) {
      collectGarbage();
      const t0 = performance.now();
      const out = await m.run(input);
      samplesMs.push(performance.now() - t0);
      m.check(out);
      if (peer === undefined) continue;
      collectGarbage();
      const t1 = performance.now();
      const peerOut = peer.run(peerInput);
      peerSamplesMs.push(performance.now() - t1);
      peer.check(peerOut);
    }
    return { scenario: m, samplesMs, ...(peer === undefined ? {} : { peerSamplesMs }) };
  } catch (err) {
    return { scenario: m, samplesMs: [], error: (err as Error).message };
  }
}
