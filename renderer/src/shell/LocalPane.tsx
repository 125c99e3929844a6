import { useEffect, useMemo } from 'react';
import { useStoreApi } from '../store/StoreContext';
import { useStore } from 'zustand';
import { FilePane } from '../files/FilePane';
import type { PaneSource } from '../files/paneSource';
import type { PaneState } from '../files/paneState';
import { createPaneDragDrop } from '../dnd/paneDragDrop';

/** The local file pane: the generic FilePane bound to the local slice. */
export function LocalPane() {
  const store = useStoreApi();
  const source = useMemo<PaneSource>(
    () => ({
      id: 'local',
      label: 'Local',
      useSelect: <T,>(selector: (pane: PaneState) => T) => useStore(store, (state) => selector(state.localPane)),
      read: () => store.getState().localPane,
      actions: store.getState().localActions,
      dragDrop: createPaneDragDrop(store, 'local'),
    }),
    [store],
  );
  useEffect(() => store.getState().localActions.start(), [store]);
  return <FilePane source={source} />;
}
