import type { FileExistsAction, FileExistsRequest, PromptAnswer } from '../../shared/services/prompts';
import { canResume, decideExists, type ExistsDecision, type FileFacts } from './file-exists';

/** Asks a person about one conflict (the prompt broker's `ask`, narrowed). */
export type AskFileExists = (question: Omit<FileExistsRequest, 'id'>, signal?: AbortSignal) => Promise<Extract<PromptAnswer, { kind: 'file-exists' }>>;

/** One conflict as the transfer sees it. */
export interface Conflict {
  readonly direction: 'upload' | 'download';
  readonly siteId?: string;
  readonly source: FileFacts & { readonly path: string };
  readonly target: FileFacts & { readonly path: string };
  /** The keep-both name offered for "Rename" (one segment). */
  readonly suggestedName: string;
}

/**
 * Who decides when a target exists: an "apply to all" answer given during this queue run,
 * else the site's default, else a person. Questions go out one at a time, so a second
 * conflict waits for the first answer and picks up its "apply to all" instead of asking too.
 */
export class ExistsPolicy {
  private applyToAll: FileExistsAction | undefined;
  private line: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ask: AskFileExists,
    private readonly siteDefault: (siteId: string) => FileExistsAction | undefined,
  ) {}

  /** Forgets "apply to all": a new queue run asks again. */
  endRun(): void {
    this.applyToAll = undefined;
  }

  /** What to do about `conflict`. */
  decide(conflict: Conflict, signal?: AbortSignal): Promise<ExistsDecision> {
    const turn = this.line.then(() => this.decideNow(conflict, signal));
    this.line = turn.catch(() => undefined);
    return turn;
  }

  private async decideNow(conflict: Conflict, signal: AbortSignal | undefined): Promise<ExistsDecision> {
    const standing = this.applyToAll ?? (conflict.siteId === undefined ? undefined : this.siteDefault(conflict.siteId));
    if (standing !== undefined) return decideExists(standing, conflict.source, conflict.target, conflict.suggestedName);
    const answer = await this.ask(
      {
        kind: 'file-exists',
        direction: conflict.direction,
        source: conflict.source,
        target: conflict.target,
        suggestedName: conflict.suggestedName,
        canResume: canResume(conflict.source, conflict.target),
      },
      signal,
    );
    if (answer.applyToAll) this.applyToAll = answer.action;
    return decideExists(answer.action, conflict.source, conflict.target, answer.newName ?? conflict.suggestedName);
  }
}
