import { useRef, type KeyboardEvent } from 'react';
import { ListOrdered, ScrollText, type LucideIcon } from 'lucide-react';
import { LogPanel } from '../log/LogPanel';
import { QueuePanel } from '../queue/QueuePanel';
import type { BottomTab } from '../store/layoutSlice';
import { useAppStore } from '../store/StoreContext';
import { tabIndexForKey } from './tabKeys';

const TABS: readonly { id: BottomTab; label: string; icon: LucideIcon }[] = [
  { id: 'queue', label: 'Transfer queue', icon: ListOrdered },
  { id: 'log', label: 'Log', icon: ScrollText },
];

/** The resizable area under the panes: the transfer queue and the log, as tabs (ARIA tabs pattern). */
export function BottomArea({ height }: { height: number }) {
  const current = useAppStore((state) => state.layout.bottomTab);
  const setCurrent = useAppStore((state) => state.setBottomTab);
  const tabRefs = useRef(new Map<BottomTab, HTMLButtonElement>());

  function onKeyDown(event: KeyboardEvent) {
    const to = tabIndexForKey(event.key, TABS.findIndex((tab) => tab.id === current), TABS.length);
    if (to === undefined) return;
    event.preventDefault();
    const tab = TABS[to]!;
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
      {/* Mounted while hidden too: the queue keeps its scroll position and selection. */}
      <div role="tabpanel" id="panel-queue" aria-labelledby="tab-queue" hidden={current !== 'queue'} className="tab-panel tab-panel-queue">
        <QueuePanel />
      </div>
      {/* The log stays mounted while hidden so it keeps its scroll position and selection. */}
      <div role="tabpanel" id="panel-log" aria-labelledby="tab-log" hidden={current !== 'log'} className="tab-panel tab-panel-log">
        <LogPanel />
      </div>
    </section>
  );
}
