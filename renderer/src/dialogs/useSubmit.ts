import { useState } from 'react';
import { describeError } from '../files/errors';

/**
 * Runs a dialog's action: while it runs the buttons are disabled; if it fails the dialog
 * stays open and shows why, so the user can correct it or cancel.
 */
export function useSubmit(action: () => Promise<void>, onDone: () => void) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit() {
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      await action();
      onDone();
    } catch (failure) {
      setError(describeError(failure));
      setPending(false);
    }
  }
  return { pending, error, submit, clearError: () => setError(null) };
}
