import { randomUUID } from 'node:crypto';
import type { Unsubscribe } from '../../shared/contract/service';
import { SluiceError } from '../../shared/errors';
import { promptAnswerSchema, type PromptAnswer, type PromptRequest, type PromptSettled, type PromptsService } from '../../shared/services/prompts';
import { Emitter } from '../events';

/**
 * Where the engine's questions wait for a person (FileZilla's async requests): the engine
 * calls `ask` and waits; the UI lists `pending`, answers by id. Nobody answering in time,
 * the window closing (`cancelAll`) or the engine giving up (`signal`) all settle the
 * question as a refusal, so a session never hangs and never proceeds without a yes.
 */

/** A request as the engine writes it: the broker gives it its id. */
export type PromptQuestion = PromptRequest extends infer R ? (R extends PromptRequest ? Omit<R, 'id'> : never) : never;

/** The answer shape that fits each kind of request. */
export type AnswerFor<K extends PromptRequest['kind']> = K extends 'certificate-unknown' | 'certificate-changed'
  ? Extract<PromptAnswer, { kind: 'certificate' }>
  : K extends 'insecure-connection'
    ? Extract<PromptAnswer, { kind: 'insecure' }>
    : K extends 'file-exists'
      ? Extract<PromptAnswer, { kind: 'file-exists' }>
      : Extract<PromptAnswer, { kind: 'password' }>;

/** The answer kind each request kind accepts. */
const ANSWER_KIND: Readonly<Record<PromptRequest['kind'], PromptAnswer['kind']>> = {
  'certificate-unknown': 'certificate',
  'certificate-changed': 'certificate',
  'insecure-connection': 'insecure',
  password: 'password',
  'file-exists': 'file-exists',
};

/** What "no" means for each kind: what the engine gets when nobody says yes. */
export function refusalFor<K extends PromptRequest['kind']>(kind: K): AnswerFor<K> {
  const answers: Record<PromptAnswer['kind'], PromptAnswer> = {
    certificate: { kind: 'certificate', decision: 'reject' },
    insecure: { kind: 'insecure', proceed: false, remember: false },
    password: { kind: 'password', password: null, remember: false },
    // Nobody answered: leave the existing file alone rather than guess.
    'file-exists': { kind: 'file-exists', action: 'skip', applyToAll: false },
  };
  return answers[ANSWER_KIND[kind]] as AnswerFor<K>;
}

export const DEFAULT_PROMPT_TIMEOUT_MS = 5 * 60_000;

export interface AskOptions {
  /** How long a person has to answer; then the question settles as 'timed-out', a refusal. */
  readonly timeoutMs?: number;
  /** The engine gave up (session closed): the question settles as 'cancelled'. */
  readonly signal?: AbortSignal;
}

interface Waiting {
  readonly request: PromptRequest;
  settle(outcome: PromptSettled['outcome'], answer: PromptAnswer): void;
}

/** The prompts service (UI side) and `ask` (engine side) in one broker. */
export class PromptBroker implements PromptsService {
  private readonly waiting = new Map<string, Waiting>();
  private readonly requested = new Emitter<PromptRequest>();
  private readonly settled = new Emitter<PromptSettled>();

  readonly onDidRequest: (listener: (request: PromptRequest) => void) => Unsubscribe = this.requested.subscribe;
  readonly onDidSettle: (listener: (settled: PromptSettled) => void) => Unsubscribe = this.settled.subscribe;

  constructor(private readonly defaults: { readonly timeoutMs?: number } = {}) {}

  /** Asks a person; resolves with their answer, or with the refusal on timeout, cancel or abort. */
  ask<Q extends PromptQuestion>(question: Q, options: AskOptions = {}): Promise<AnswerFor<Q['kind']>> {
    const request = { ...question, id: randomUUID() } as PromptRequest;
    const refusal = refusalFor<Q['kind']>(question.kind);
    if (options.signal?.aborted) return Promise.resolve(refusal);
    return new Promise((resolve) => {
      const timeoutMs = options.timeoutMs ?? this.defaults.timeoutMs ?? DEFAULT_PROMPT_TIMEOUT_MS;
      // Unref'd: a question nobody can answer must not keep a finished process alive.
      const timer = setTimeout(() => entry.settle('timed-out', refusal), timeoutMs);
      timer.unref?.();
      const onAbort = (): void => entry.settle('cancelled', refusal);
      const entry: Waiting = {
        request,
        settle: (outcome, answer) => {
          if (!this.waiting.delete(request.id)) return;
          clearTimeout(timer);
          options.signal?.removeEventListener('abort', onAbort);
          resolve(answer as AnswerFor<Q['kind']>);
          this.settled.fire({ id: request.id, outcome });
        },
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(request.id, entry);
      this.requested.fire(request);
    });
  }

  /** Requests still waiting, oldest first (a window opened late catches up). */
  async pending(): Promise<PromptRequest[]> {
    return [...this.waiting.values()].map((entry) => entry.request);
  }

  /** Answers a request; an answer of the wrong kind, or for an unknown or settled id, is refused with a typed error. */
  async answer(id: string, answer: PromptAnswer): Promise<void> {
    const parsed = promptAnswerSchema.safeParse(answer);
    if (!parsed.success) throw new SluiceError('invalid-argument', 'That is not an answer to a question');
    const entry = this.waiting.get(id);
    if (entry === undefined) throw new SluiceError('not-found', 'This question was already answered, cancelled or timed out');
    const expected = ANSWER_KIND[entry.request.kind];
    if (parsed.data.kind !== expected) {
      throw new SluiceError('invalid-argument', `A ${entry.request.kind} question takes a ${expected} answer, not ${parsed.data.kind}`);
    }
    entry.settle('answered', parsed.data);
  }

  /** Settles every waiting question as 'cancelled' (the window closed): each engine call gets its refusal. */
  cancelAll(): void {
    for (const entry of [...this.waiting.values()]) entry.settle('cancelled', refusalFor(entry.request.kind));
  }
}
