import { dragLabel, type DragPayload } from './dropRules';

/**
 * The drag under way from one of our panes. A page cannot read drag data until the drop
 * (browsers hide it during dragover), yet the highlight must say "allowed" or "refused"
 * while hovering: the source keeps its payload here for the targets to consult.
 */
let active: DragPayload | null = null;

export const dragSession = {
  start(payload: DragPayload): void {
    active = payload;
  },
  current(): DragPayload | null {
    return active;
  },
  end(): void {
    active = null;
  },
};

/**
 * Sets a drag image naming what is dragged ("3 items"). The element must be in the
 * document when `setDragImage` is called; the browser snapshots it, so it goes right after.
 */
export function setCountDragImage(data: DataTransfer, payload: DragPayload): void {
  const image = document.createElement('div');
  image.className = 'drag-image';
  image.textContent = dragLabel(payload);
  document.body.appendChild(image);
  data.setDragImage(image, -12, -8);
  setTimeout(() => image.remove(), 0);
}
