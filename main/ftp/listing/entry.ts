// The remote entry type lives in the shared contract: the renderer shows exactly what the
// parsers produce, with no mapping in between.
export type { RemoteEntry, RemoteEntryKind, TimePrecision } from '../../../shared/remote-entry';
