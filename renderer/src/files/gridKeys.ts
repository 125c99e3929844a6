/**
 * Maps key presses on the file grid to commands, so the component only executes them.
 * Follows desktop file managers: Ctrl (or Cmd) is the "command" modifier.
 */

/** Where a focus move goes. */
export type MoveTarget = 'previous' | 'next' | 'page-up' | 'page-down' | 'first' | 'last';

/** What a key press asks the grid to do. */
export type GridCommand =
  | { readonly kind: 'move'; readonly to: MoveTarget; readonly extend: boolean; readonly focusOnly: boolean }
  | { readonly kind: 'toggle' }
  | { readonly kind: 'open' }
  | { readonly kind: 'up' }
  | { readonly kind: 'rename' }
  | { readonly kind: 'delete' }
  | { readonly kind: 'refresh' }
  | { readonly kind: 'select-all' }
  | { readonly kind: 'menu' }
  | { readonly kind: 'new-folder' }
  | { readonly kind: 'clear' }
  | { readonly kind: 'type'; readonly text: string }
  /** Ctrl+U / Ctrl+D transfer now; with Shift they only add to the queue. */
  | { readonly kind: 'transfer'; readonly direction: 'upload' | 'download'; readonly start: boolean };

/** The subset of KeyboardEvent this needs (keeps it testable without a DOM). */
export interface KeyPress {
  readonly key: string;
  readonly shiftKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
}

const MOVES: Readonly<Record<string, MoveTarget>> = {
  ArrowUp: 'previous',
  ArrowDown: 'next',
  PageUp: 'page-up',
  PageDown: 'page-down',
  Home: 'first',
  End: 'last',
};

/** The command for a key press, or null to let the browser handle it. */
export function gridCommand(press: KeyPress): GridCommand | null {
  const command = press.ctrlKey || press.metaKey;
  const move = MOVES[press.key];
  if (move && !press.altKey) return { kind: 'move', to: move, extend: press.shiftKey, focusOnly: command && !press.shiftKey };
  if (press.key === 'ArrowUp' && press.altKey) return { kind: 'up' };
  switch (press.key) {
    case 'Enter':
      return { kind: 'open' };
    case 'Backspace':
      return { kind: 'up' };
    case 'F2':
      return { kind: 'rename' };
    case 'Delete':
      return { kind: 'delete' };
    case 'F5':
      return { kind: 'refresh' };
    case 'Escape':
      return { kind: 'clear' };
    case 'ContextMenu':
      return { kind: 'menu' };
    case 'F10':
      return press.shiftKey ? { kind: 'menu' } : null;
    case ' ':
      return command ? { kind: 'toggle' } : { kind: 'type', text: ' ' };
  }
  // Ctrl+Shift+N is "new folder" in Windows Explorer, Nautilus and Dolphin alike.
  if (command && press.shiftKey && press.key.toLowerCase() === 'n') return { kind: 'new-folder' };
  if (command && !press.altKey && (press.key.toLowerCase() === 'u' || press.key.toLowerCase() === 'd')) {
    return { kind: 'transfer', direction: press.key.toLowerCase() === 'u' ? 'upload' : 'download', start: !press.shiftKey };
  }
  if (command && !press.altKey && press.key.toLowerCase() === 'a') return { kind: 'select-all' };
  if (command && press.key.toLowerCase() === 'r') return { kind: 'refresh' };
  // Printable characters jump to a matching name (type-ahead find).
  if (!command && !press.altKey && press.key.length === 1) return { kind: 'type', text: press.key };
  return null;
}
