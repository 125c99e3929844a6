import { bytesOf, type PaneState, type SelectionPatch } from './paneState';

/**
 * Selection as pure functions of the pane state, following the conventions of desktop
 * file managers: click selects one, Ctrl/Cmd toggles, Shift selects from the anchor.
 */

/** How a click or key press modifies the selection. */
export interface SelectGesture {
  /** Ctrl (Cmd on macOS): toggle one row, or add a range to the selection. */
  readonly toggle?: boolean;
  /** Shift: select from the anchor to here. */
  readonly range?: boolean;
}

function patch(state: PaneState, selected: Set<string>, focus: string | null, anchor: string | null): SelectionPatch {
  return { selected, selectedBytes: bytesOf(state.entries, state.indexByName, selected), focus, anchor };
}

function rangeNames(state: PaneState, from: number, to: number): string[] {
  const [low, high] = from <= to ? [from, to] : [to, from];
  return state.entries.slice(low, high + 1).map((entry) => entry.name);
}

/** The index of a name, or -1. */
export function indexOf(state: PaneState, name: string | null): number {
  return name === null ? -1 : (state.indexByName.get(name) ?? -1);
}

/** Selects the row at `index` (clamped) the way a click or an arrow key does. */
export function selectAt(state: PaneState, index: number, gesture: SelectGesture = {}): SelectionPatch {
  if (state.entries.length === 0) return patch(state, new Set(), null, null);
  const target = Math.max(0, Math.min(state.entries.length - 1, index));
  const name = state.entries[target]!.name;
  if (gesture.range) {
    const anchorIndex = Math.max(0, indexOf(state, state.anchor));
    const range = rangeNames(state, anchorIndex, target);
    // Ctrl+Shift adds the range; Shift alone replaces the selection with it.
    const selected = gesture.toggle ? new Set([...state.selected, ...range]) : new Set(range);
    return patch(state, selected, name, state.anchor ?? name);
  }
  if (gesture.toggle) {
    const selected = new Set(state.selected);
    if (selected.has(name)) selected.delete(name);
    else selected.add(name);
    return patch(state, selected, name, name);
  }
  return patch(state, new Set([name]), name, name);
}

/** Moves the focus without touching the selection (Ctrl+arrows). */
export function focusAt(state: PaneState, index: number): SelectionPatch {
  const target = Math.max(0, Math.min(state.entries.length - 1, index));
  const name = state.entries[target]?.name ?? null;
  return { selected: state.selected, selectedBytes: state.selectedBytes, focus: name, anchor: state.anchor };
}

/** Selects every row (Ctrl+A). */
export function selectAll(state: PaneState): SelectionPatch {
  const selected = new Set(state.entries.map((entry) => entry.name));
  return patch(state, selected, state.focus, state.anchor);
}

/** Clears the selection, keeping focus (a click on empty space). */
export function selectNone(state: PaneState): SelectionPatch {
  return patch(state, new Set(), state.focus, state.anchor);
}

/** Selects exactly the given names, focusing the first (after creating or renaming). */
export function selectNames(state: PaneState, names: readonly string[]): SelectionPatch {
  const present = names.filter((name) => state.indexByName.has(name));
  const first = present[0] ?? state.focus;
  return patch(state, new Set(present), first, first);
}

/** The selected names in display order; what commands like Delete act on. */
export function selectedInOrder(state: PaneState): string[] {
  return [...state.selected].sort((a, b) => indexOf(state, a) - indexOf(state, b));
}
