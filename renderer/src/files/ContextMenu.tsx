import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { LucideIcon } from 'lucide-react';

/** One command of a context menu. */
export interface MenuItem {
  readonly label: string;
  readonly icon: LucideIcon;
  /** Shown right-aligned, e.g. "F2". */
  readonly shortcut?: string;
  readonly disabled?: boolean;
  readonly run: () => void;
}

interface ContextMenuProps {
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly items: readonly MenuItem[];
  /** Closes the menu; `restoreFocus` is false when the user clicked elsewhere. */
  readonly onClose: (restoreFocus: boolean) => void;
}

/**
 * A context menu following the ARIA menu pattern: arrows move between items, Enter runs
 * one, Escape closes and gives focus back. Disabled items stay visible but are skipped.
 */
export function ContextMenu({ label, x, y, items, onClose }: ContextMenuProps) {
  const menuRef = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState({ left: x, top: y });
  const enabled = items.map((item, index) => (item.disabled ? -1 : index)).filter((index) => index >= 0);
  const [active, setActive] = useState(enabled[0] ?? -1);

  // Keep the menu inside the window: flip it left or up when it would overflow.
  useLayoutEffect(() => {
    const box = menuRef.current?.getBoundingClientRect();
    if (!box) return;
    const left = x + box.width > window.innerWidth ? Math.max(0, x - box.width) : x;
    const top = y + box.height > window.innerHeight ? Math.max(0, y - box.height) : y;
    setPosition({ left, top });
  }, [x, y]);

  useEffect(() => {
    menuRef.current?.querySelector<HTMLElement>(`[data-item="${active}"]`)?.focus();
  }, [active]);

  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (!menuRef.current?.contains(event.target as Node)) onClose(false);
    };
    const onBlur = () => onClose(false);
    document.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('blur', onBlur);
    window.addEventListener('resize', onBlur);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('resize', onBlur);
    };
  }, [onClose]);

  function step(delta: number) {
    if (enabled.length === 0) return;
    const at = enabled.indexOf(active);
    setActive(enabled[(at + delta + enabled.length) % enabled.length]!);
  }

  function onKeyDown(event: KeyboardEvent) {
    const keys: Record<string, () => void> = {
      ArrowDown: () => step(1),
      ArrowUp: () => step(-1),
      Home: () => setActive(enabled[0] ?? -1),
      End: () => setActive(enabled[enabled.length - 1] ?? -1),
      Escape: () => onClose(true),
      Tab: () => onClose(true),
    };
    const handler = keys[event.key];
    if (!handler) return;
    event.preventDefault();
    event.stopPropagation();
    handler();
  }

  function choose(item: MenuItem) {
    if (item.disabled) return;
    // Focus goes back to the list first, so a dialog the command opens returns it there.
    onClose(true);
    item.run();
  }

  return (
    <div
      ref={menuRef}
      role="menu"
      aria-label={label}
      className="context-menu"
      style={{ left: position.left, top: position.top }}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
    >
      {items.map((item, index) => {
        const Icon = item.icon;
        return (
          <button
            key={item.label}
            type="button"
            role="menuitem"
            className="menu-item"
            data-item={index}
            tabIndex={index === active ? 0 : -1}
            aria-disabled={item.disabled || undefined}
            onClick={() => choose(item)}
            onPointerEnter={() => !item.disabled && setActive(index)}
          >
            <Icon size={14} strokeWidth={1.75} aria-hidden className="menu-icon" />
            <span className="menu-label">{item.label}</span>
            {item.shortcut && <kbd className="menu-shortcut">{item.shortcut}</kbd>}
          </button>
        );
      })}
    </div>
  );
}
