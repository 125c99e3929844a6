import type { StateCreator } from 'zustand';
import type { Unsubscribe } from '../../../shared/contract/service';
import type { PromptAnswer, PromptRequest, PromptsService } from '../../../shared/services/prompts';
import type { AppState } from './appState';
import { subscribeSafely, unsubscribeAll } from './subscribe';

/** The engine's questions waiting for the person, oldest first; the first one is on screen. */
export interface PromptsSlice {
  prompts: readonly PromptRequest[];
  promptsActions: {
    start(): Unsubscribe;
    /** Answers a request and takes it off the queue (the settle event confirms it). */
    answer(id: string, answer: PromptAnswer): Promise<void>;
  };
}

/** Adds a request unless it is already queued (the pending list and the event can overlap). */
function enqueue(queue: readonly PromptRequest[], request: PromptRequest): readonly PromptRequest[] {
  return queue.some((queued) => queued.id === request.id) ? queue : [...queue, request];
}

/** The prompts slice over an injected prompts service. */
export const createPromptsSlice =
  (service: PromptsService): StateCreator<AppState, [], [], PromptsSlice> =>
  (set) => {
    const remove = (id: string) => set((state) => ({ prompts: state.prompts.filter((prompt) => prompt.id !== id) }));
    return {
      prompts: [],
      promptsActions: {
        start() {
          const stops = unsubscribeAll([
            subscribeSafely(() => service.onDidRequest((request) => set((state) => ({ prompts: enqueue(state.prompts, request) })))),
            // Timed out or cancelled by the engine: the dialog must not linger.
            subscribeSafely(() => service.onDidSettle(({ id }) => remove(id))),
          ]);
          // A window opened while the engine waits catches up with what is pending.
          void service.pending().then(
            (pending) => set((state) => ({ prompts: pending.reduce(enqueue, state.prompts) })),
            () => undefined,
          );
          return stops;
        },
        async answer(id, answer) {
          remove(id);
          // A late answer (the request timed out meanwhile) is refused by the service; the
          // settle event already said so, so there is nothing more to show.
          await service.answer(id, answer).catch(() => undefined);
        },
      },
    };
  };
