import path from 'node:path';
import { z } from 'zod';
import type { FileExistsAction } from '../../shared/services/prompts';
import { readFileIfExists, SerialWriter } from '../persist/atomic-file';

const settingsSchema = z.object({
  speedLimit: z.number().int().positive().nullable().default(null),
  fileExists: z.record(z.string(), z.enum(['overwrite', 'overwrite-if-newer', 'resume', 'rename', 'skip'])).default({}),
});

type Settings = z.infer<typeof settingsSchema>;

/** The queue's lasting settings: the global speed limit and each site's answer to "target exists". */
export class TransferSettings {
  private constructor(
    private settings: Settings,
    private readonly writer: SerialWriter,
  ) {}

  /** Loads `transfer-settings.json` from `folder`; a missing or unreadable file gives the defaults. */
  static async load(folder: string): Promise<TransferSettings> {
    const file = path.join(folder, 'transfer-settings.json');
    const text = await readFileIfExists(file);
    let parsed: Settings = { speedLimit: null, fileExists: {} };
    if (text !== undefined) {
      try {
        parsed = settingsSchema.parse(JSON.parse(text));
      } catch {
        // A damaged settings file must not stop the queue: start from the defaults.
      }
    }
    return new TransferSettings(parsed, new SerialWriter(file));
  }

  /** Bytes per second for all transfers together; null: no limit. */
  get speedLimit(): number | null {
    return this.settings.speedLimit;
  }

  /** The site's standing answer, if one was set. */
  fileExistsDefault(siteId: string): FileExistsAction | undefined {
    return this.settings.fileExists[siteId];
  }

  async setSpeedLimit(limit: number | null): Promise<void> {
    this.settings = { ...this.settings, speedLimit: limit };
    await this.save();
  }

  async setFileExistsDefault(siteId: string, action: FileExistsAction | null): Promise<void> {
    const fileExists = { ...this.settings.fileExists };
    if (action === null) delete fileExists[siteId];
    else fileExists[siteId] = action;
    this.settings = { ...this.settings, fileExists };
    await this.save();
  }

  private save(): Promise<void> {
    return this.writer.write(JSON.stringify(this.settings, null, 2));
  }
}
