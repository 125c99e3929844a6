import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

interface SplitterProps {
  /** 'vertical' separates left from right; 'horizontal' separates top from bottom. */
  readonly orientation: 'horizontal' | 'vertical';
  readonly label: string;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  /** Keyboard step; Shift multiplies it by four. */
  readonly step: number;
  /** How the value reads aloud, e.g. "50%" or "180 pixels". */
  readonly valueText: string;
  readonly onChange: (value: number) => void;
  /** The value after dragging `delta` pixels from where the drag started at `start`. */
  readonly fromDrag: (start: number, delta: number) => number;
}

/**
 * A focusable window splitter (ARIA "window splitter" pattern): drag it, or focus it and
 * use the arrow keys, Home and End.
 */
export function Splitter({ orientation, label, value, min, max, step, valueText, onChange, fromDrag }: SplitterProps) {
  const drag = useRef<{ origin: number; start: number } | null>(null);
  const coordinate = (event: PointerEvent) => (orientation === 'vertical' ? event.clientX : event.clientY);

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { origin: coordinate(event), start: value };
    event.currentTarget.focus();
  }

  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    if (drag.current) onChange(fromDrag(drag.current.start, coordinate(event) - drag.current.origin));
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const amount = event.shiftKey ? step * 4 : step;
    // Arrows move the splitter on screen; for the bottom area "up" means taller.
    const decrease = orientation === 'vertical' ? 'ArrowLeft' : 'ArrowDown';
    const increase = orientation === 'vertical' ? 'ArrowRight' : 'ArrowUp';
    const next: Record<string, number> = { [decrease]: value - amount, [increase]: value + amount, Home: min, End: max };
    const target = next[event.key];
    if (target === undefined) return;
    event.preventDefault();
    onChange(Math.min(max, Math.max(min, target)));
  }

  return (
    <div
      role="separator"
      tabIndex={0}
      aria-orientation={orientation}
      aria-label={label}
      aria-valuenow={Math.round(value * 100) / 100}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuetext={valueText}
      className={`splitter splitter-${orientation}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => (drag.current = null)}
      onPointerCancel={() => (drag.current = null)}
      onKeyDown={onKeyDown}
    />
  );
}
