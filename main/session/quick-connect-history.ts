import path from 'node:path';
import { z } from 'zod';
import type { QuickConnectHistoryEntry } from '../../shared/services/session';
import { readFileIfExists, SerialWriter } from '../persist/atomic-file';

const entrySchema = z.object({
  host: z.string(),
  port: z.number().int().optional(),
  user: z.string(),
  tlsMode: z.enum(['explicit', 'implicit', 'explicit-if-available', 'plain']),
  lastUsed: z.number(),
});
const fileSchema = z.object({ version: z.literal(1), entries: z.array(entrySchema) });

/** The quick-connect bar's recent servers (never a password), newest first, in the data folder. */
export class QuickConnectHistory {
  private readonly file: string;
  private readonly writer: SerialWriter;
  private entries: QuickConnectHistoryEntry[] | undefined;

  constructor(
    dataDir: string,
    private readonly limit = 20,
  ) {
    this.file = path.join(dataDir, 'quick-connect.json');
    this.writer = new SerialWriter(this.file);
  }

  async list(): Promise<QuickConnectHistoryEntry[]> {
    if (!this.entries) {
      const text = await readFileIfExists(this.file);
      // History is a convenience: an unreadable file starts it afresh rather than failing a connection.
      const parsed = text === undefined ? undefined : fileSchema.safeParse(safeJson(text));
      this.entries = parsed?.success ? parsed.data.entries : [];
    }
    return [...this.entries];
  }

  /** Puts a server at the top of the history. */
  async record(entry: Omit<QuickConnectHistoryEntry, 'lastUsed'>, now = Date.now()): Promise<void> {
    const same = (other: QuickConnectHistoryEntry) =>
      other.host === entry.host && other.port === entry.port && other.user === entry.user && other.tlsMode === entry.tlsMode;
    const rest = (await this.list()).filter((other) => !same(other));
    this.entries = [{ ...entry, lastUsed: now }, ...rest].slice(0, this.limit);
    await this.writer.write(JSON.stringify({ version: 1, entries: this.entries }, null, 2));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
