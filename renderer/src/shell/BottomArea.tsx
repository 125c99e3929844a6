import { ListOrdered, ScrollText, type LucideIcon } from 'lucide-react';
import { LogPanel } from '../log/LogPanel';
import { QueuePanel } from '../queue/QueuePanel';
import type { BottomTab } from '../store/layoutSlice';
import { useAppStore } from '../store/StoreContext';
import { TabList } from './TabList';

const TABS: readonly { id: BottomTab; label: string; icon: LucideIcon }[] = [
  { id: 'queue', label: 'Transfer queue', icon: ListOrdered },
  { id: 'log', label: 'Log', icon: ScrollText },
];

/** The resizable area under the panes: the transfer queue and the log, as tabs (ARIA tabs pattern). */
export function BottomArea({ height }: { height: number }) {
  const current = useAppStore((state) => state.layout.bottomTab);
  const setCurrent = useAppStore((state) => state.setBottomTab);

  return (
    <section className="bottom-area" aria-label="Transfers and log" style={{ height }}>
      <TabList
        label="Transfers and log"
        className="tabs"
        tabs={TABS.map(({ id, label, icon: Icon }) => ({
          id,
          content: (
            <>
              <Icon size={13} strokeWidth={1.75} aria-hidden />
              {label}
            </>
          ),
        }))}
        current={current}
        onSelect={setCurrent}
        tabId={(id) => `tab-${id}`}
        panelId={(id) => `panel-${id}`}
      />
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
