import type { FileExistsRequest } from '../../../shared/services/prompts';
import { isConnectionPrompt } from '../prompts/PromptHost';
import { useAppStore } from '../store/StoreContext';
import { FileExistsDialog } from './FileExistsDialog';

/**
 * The queue's "target exists" questions, oldest first. A connection question (certificate,
 * password) goes first: the transfers that wait here may need that connection.
 */
export function FileExistsHost() {
  const request = useAppStore((state) =>
    state.prompts.some((prompt) => isConnectionPrompt(prompt.kind))
      ? null
      : (state.prompts.find((prompt): prompt is FileExistsRequest => prompt.kind === 'file-exists') ?? null),
  );
  const answer = useAppStore((state) => state.promptsActions.answer);
  if (!request) return null;
  // Keyed by id: the next conflict starts with its own suggested name, not the last one's.
  return <FileExistsDialog key={request.id} request={request} onAnswer={(reply) => void answer(request.id, reply)} />;
}
