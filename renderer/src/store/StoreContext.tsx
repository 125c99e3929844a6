import { createContext, useContext, type ReactNode } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { AppState } from './appState';

// The store is provided, not imported, so tests and future windows can build their own.
const StoreContext = createContext<StoreApi<AppState> | null>(null);

/** Makes a store available to the components below. */
export function StoreProvider({ store, children }: { store: StoreApi<AppState>; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The store itself, for components that bind other components to a slice. */
export function useStoreApi(): StoreApi<AppState> {
  const store = useContext(StoreContext);
  if (!store) throw new Error('The store needs a StoreProvider above it');
  return store;
}

/** Selects a narrow value from the store; re-renders only when that value changes. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useStoreApi(), selector);
}
