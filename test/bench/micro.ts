// Micro scenarios: a pure function timed in-process (e.g. parsing a 100,000-entry
// listing), median of N after a warm-up call so JIT compilation isn't what gets timed.
import type { Target } from './targets';

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
}

/** Erases the type parameters so differently typed scenarios fit in one registry. */
export function defineMicro<I, O>(m: MicroScenario<I, O>): MicroScenario {
  return m as unknown as MicroScenario;
}

export interface MicroResult {
  scenario: MicroScenario;
  samplesMs: number[];
  error?: string;
}

export async function measureMicro(m: MicroScenario, defaultRepeats: number): Promise<MicroResult> {
  try {
    const input = await m.setup();
    m.check(await m.run(input)); // warm-up, and the output is right before anything is timed
    const samplesMs: number[] = [];
    for (let i = 0; i < (m.repeats ?? defaultRepeats); i++) {
      const t0 = performance.now();
      const out = await m.run(input);
      samplesMs.push(performance.now() - t0);
      m.check(out);
    }
    return { scenario: m, samplesMs };
  } catch (err) {
    return { scenario: m, samplesMs: [], error: (err as Error).message };
  }
}
