import type { StateCreator } from 'zustand';
import type { Unsubscribe } from '../../../shared/contract/service';
import { toWireError } from '../../../shared/errors';
import type {
  ConnectTarget,
  ListingProgress,
  QuickConnectHistoryEntry,
  SessionService,
  SessionState,
} from '../../../shared/services/session';
import type { AppState } from './appState';
import { subscribeSafely, unsubscribeAll } from './subscribe';

/** The remote session as the window sees it: state, listing progress, quick-connect history. */
export interface ConnectionSlice {
  connection: SessionState;
  /** Progress of the listing under way, for big folders; null when none is. */
  listingProgress: ListingProgress | null;
  quickConnectHistory: readonly QuickConnectHistoryEntry[];
  connectionActions: {
    /** Reads the current state and follows the session's events; returns the unsubscribe. */
    start(): Unsubscribe;
    connect(target: ConnectTarget): Promise<void>;
    disconnect(): Promise<void>;
    reconnect(): Promise<void>;
    loadHistory(): Promise<void>;
  };
}

/** The connection slice over an injected session service. */
export const createConnectionSlice =
  (session: SessionService): StateCreator<AppState, [], [], ConnectionSlice> =>
  (set, get) => {
    /** A call that failed outright (not through a state event) still has to show its error. */
    function failed(error: unknown, target?: ConnectTarget) {
      const previous = get().connection;
      const host = target?.kind === 'quick' ? { host: target.host, port: target.port, user: target.user } : {};
      set({ connection: { ...previous, ...host, status: 'failed', error: toWireError(error) } });
    }

    function applyState(next: SessionState) {
      const before = get().connection;
      // The service forgets where it was connected once it disconnects; the pane still
      // says "Disconnected from host" and offers Reconnect, so keep who it was.
      const connection: SessionState =
        next.status === 'disconnected' && next.host === undefined
          ? { status: 'disconnected', host: before.host, port: before.port, user: before.user, tlsMode: before.tlsMode, siteId: before.siteId, siteName: before.siteName }
          : next;
      set({ connection });
      if (connection.status !== 'connected') set({ listingProgress: null });
      // A fresh login lists the folder we were in before a reconnect, or the session's home.
      if (connection.status === 'connected' && before.status !== 'connected') get().remoteActions.onConnected(connection);
      if (connection.status !== 'connected' && before.status === 'connected') get().remoteActions.onDisconnected();
    }

    return {
      connection: { status: 'disconnected' },
      listingProgress: null,
      quickConnectHistory: [],
      connectionActions: {
        start() {
          void session.state().then(applyState, () => undefined);
          void get().connectionActions.loadHistory();
          return unsubscribeAll([
            subscribeSafely(() => session.onDidChangeState(applyState)),
            subscribeSafely(() =>
              session.onDidListProgress((listingProgress) => {
                // Progress of a listing nobody waits for any more (navigated away) is noise.
                if (get().remotePane.loading) set({ listingProgress });
              }),
            ),
          ]);
        },
        async connect(target) {
          const host = target.kind === 'quick' ? { host: target.host, port: target.port, user: target.user, tlsMode: target.tlsMode } : {};
          set({ connection: { status: 'connecting', ...host } });
          try {
            applyState(await session.connect(target));
          } catch (error) {
            failed(error, target);
          }
          // A saved password behind a locked master password: ask for it and try again.
          const after = get().connection;
          if (after.status === 'failed' && after.error?.kind === 'vault-locked') get().openDialog({ kind: 'unlock-vault', retry: target });
          void get().connectionActions.loadHistory();
        },
        async disconnect() {
          try {
            await session.disconnect();
            applyState({ ...get().connection, status: 'disconnected', error: undefined });
          } catch (error) {
            failed(error);
          }
        },
        async reconnect() {
          set({ connection: { ...get().connection, status: 'connecting', error: undefined } });
          try {
            applyState(await session.reconnect());
          } catch (error) {
            failed(error);
          }
        },
        async loadHistory() {
          try {
            set({ quickConnectHistory: await session.quickConnectHistory() });
          } catch {
            // History is a convenience: without it the bar still connects.
          }
        },
      },
    };
  };
