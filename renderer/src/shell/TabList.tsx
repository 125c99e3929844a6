import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { tabIndexForKey } from './tabKeys';

/** One tab: its id, what the button shows, and its class when not the plain `tab`. */
export interface TabSpec<Id extends string> {
  readonly id: Id;
  readonly content: ReactNode;
  readonly className?: string;
}

interface TabListProps<Id extends string> {
  /** The accessible name of the list. */
  readonly label: string;
  readonly className: string;
  readonly tabs: readonly TabSpec<Id>[];
  readonly current: Id;
  readonly onSelect: (id: Id) => void;
  /** The element id of a tab's button; its panel is labelled by it. */
  readonly tabId: (id: Id) => string;
  /** The element id of the panel a tab controls. */
  readonly panelId: (id: Id) => string;
  /** Keep the keys to this list: set for tabs nested inside other tabs. */
  readonly isolateKeys?: boolean;
}

/**
 * A row of tabs (ARIA tabs pattern): one tab stop, arrows move and select with wrap-around,
 * Home and End go to the ends, focus follows the selection.
 */
export function TabList<Id extends string>({ label, className, tabs, current, onSelect, tabId, panelId, isolateKeys = false }: TabListProps<Id>) {
  const buttons = useRef(new Map<Id, HTMLButtonElement>());

  function onKeyDown(event: KeyboardEvent) {
    const to = tabIndexForKey(event.key, tabs.findIndex((tab) => tab.id === current), tabs.length);
    if (to === undefined) return;
    event.preventDefault();
    if (isolateKeys) event.stopPropagation();
    const tab = tabs[to]!;
    onSelect(tab.id);
    buttons.current.get(tab.id)?.focus();
  }

  return (
    <div role="tablist" aria-label={label} className={className} onKeyDown={onKeyDown}>
      {tabs.map(({ id, content, className: tabClass }) => (
        <button
          key={id}
          ref={(element) => {
            if (element) buttons.current.set(id, element);
          }}
          type="button"
          role="tab"
          id={tabId(id)}
          aria-selected={current === id}
          aria-controls={panelId(id)}
          tabIndex={current === id ? 0 : -1}
          className={tabClass ?? 'tab'}
          onClick={() => onSelect(id)}
        >
          {content}
        </button>
      ))}
    </div>
  );
}
