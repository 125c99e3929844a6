import { isWireError } from '../../../shared/errors';
import { describeSessionError } from '../remote/sessionErrors';

/**
 * Sentences a person can act on, from the typed errors services throw. The kind decides
 * the words; the service's own message is the fallback for kinds with nothing better.
 */
export function describeError(error: unknown): string {
  if (!isWireError(error)) return error instanceof Error ? error.message : String(error);
  switch (error.kind) {
    case 'not-found':
      return 'Folder not found';
    case 'permission-denied':
      return 'Permission denied';
    case 'not-a-directory':
      return 'Not a folder';
    case 'exists':
      return 'An item with that name already exists';
    case 'not-empty':
      return 'The folder is not empty';
    case 'transport':
      return 'Lost the connection to Sluice; reload the window';
    default:
      // Session and vault kinds have their own sentences; others keep the service's message.
      return describeSessionError(error);
  }
}
