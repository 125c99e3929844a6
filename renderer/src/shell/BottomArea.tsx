import { useRef, useState, type KeyboardEvent } from 'react';
import { ListOrdered, ScrollText, type LucideIcon } from 'lucide-react';

type Tab = 'queue' | 'log';

const TABS: readonly { id: Tab; label: string; icon: LucideIcon; empty: string }[] = [
  { id: 'queue', label: 'Transfer queue', icon: ListOrdered, empty: 'No transfers queued.' },
  { id: 'log', label: 'Log', icon: ScrollText, empty: 'No messages yet. Connection and transfer messages will appear here.' },
];

/** The resizable area under the panes: the transfer queue and the log, as tabs (ARIA tabs pattern). */
export function BottomArea({ height }: { height: number }) {
  const [current, setCurrent] = useState<Tab>('queue');
  const tabRefs = useRef(new Map<Tab, HTMLButtonElement>());

  function onKeyDown(event: KeyboardEvent) {
    const at = TABS.findIndex((tab) => tab.id === current);
    const moves: Record<string, number> = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: TABS.length - 1 };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const tab = TABS[(to + TABS.length) % TABS.length]!;
    setCurrent(tab.id);
    tabRefs.current.get(tab.id)?.focus();
  }

  return (
    <section className="bottom-area" aria-label="Transfers and log" style={{ height }}>
      <div role="tablist" aria-label="Transfers and log" className="tabs" onKeyDown={onKeyDown}>
        {TABS.map(({ id, label, icon: Icon }) => (
          <button
            key={id}
            ref={(element) => {
              if (element) tabRefs.current.set(id, element);
            }}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={current === id}
            aria-controls={`panel-${id}`}
            tabIndex={current === id ? 0 : -1}
            className="tab"
            onClick={() => setCurrent(id)}
          >
            <Icon size={13} strokeWidth={1.75} aria-hidden />
            {label}
          </button>
        ))}
      </div>
      {TABS.map(({ id, empty }) => (
        <div key={id} role="tabpanel" id={`panel-${id}`} aria-labelledby={`tab-${id}`} hidden={current !== id} className="tab-panel">
          <p className="empty-text">{empty}</p>
        </div>
      ))}
    </section>
  );
}
