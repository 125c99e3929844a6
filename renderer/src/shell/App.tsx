import { useEffect, useRef } from 'react';
import { DialogHost } from '../dialogs/DialogHost';
import { PromptHost } from '../prompts/PromptHost';
import { FileExistsHost } from '../queue/FileExistsHost';
import { FinishNotice } from '../queue/FinishNotice';
import { useWindowTitle } from './useWindowTitle';
import { LAYOUT_LIMITS } from '../store/layoutSlice';
import { useAppStore, useStoreApi } from '../store/StoreContext';
import { BottomArea } from './BottomArea';
import { LocalPane } from './LocalPane';
import { QuickConnectBar } from '../connect/QuickConnectBar';
import { RemotePane } from './RemotePane';
import { Splitter } from './Splitter';

/** The window: quick connect row, local and remote panes side by side, queue and log below. */
export function App() {
  const paneSplit = useAppStore((state) => state.layout.paneSplit);
  const bottomHeight = useAppStore((state) => state.layout.bottomHeight);
  const setPaneSplit = useAppStore((state) => state.setPaneSplit);
  const setBottomHeight = useAppStore((state) => state.setBottomHeight);
  const panesRef = useRef<HTMLDivElement>(null);
  const store = useStoreApi();
  // The session, sites, prompts, log and queue follow their services' events for the window's life.
  useEffect(() => {
    const { connectionActions, sitesActions, promptsActions, logActions, queueActions } = store.getState();
    const stops = [connectionActions.start(), sitesActions.start(), promptsActions.start(), logActions.start(), queueActions.start()];
    return () => stops.forEach((stop) => stop());
  }, [store]);
  useWindowTitle();
  const { paneSplit: splitLimits, bottomHeight: heightLimits } = LAYOUT_LIMITS;

  return (
    <div className="app">
      <QuickConnectBar />
      <main className="workspace">
        <div
          ref={panesRef}
          className="panes"
          style={{ gridTemplateColumns: `minmax(0, ${paneSplit}fr) auto minmax(0, ${1 - paneSplit}fr)` }}
        >
          <LocalPane />
          <Splitter
            orientation="vertical"
            label="Resize panes"
            value={paneSplit}
            min={splitLimits.min}
            max={splitLimits.max}
            step={0.02}
            valueText={`Local pane ${Math.round(paneSplit * 100)}% of the width`}
            onChange={setPaneSplit}
            fromDrag={(start, delta) => start + delta / Math.max(1, panesRef.current?.clientWidth ?? 1)}
          />
          <RemotePane />
        </div>
        <Splitter
          orientation="horizontal"
          label="Resize transfer queue and log"
          value={bottomHeight}
          min={heightLimits.min}
          max={heightLimits.max}
          step={16}
          valueText={`${bottomHeight} pixels high`}
          onChange={setBottomHeight}
          fromDrag={(start, delta) => start - delta}
        />
        <BottomArea height={bottomHeight} />
      </main>
      <DialogHost />
      {/* After the dialog host: the engine's questions sit on top of any dialog. */}
      <PromptHost />
      <FileExistsHost />
      <FinishNotice />
    </div>
  );
}
