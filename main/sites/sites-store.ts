import type { SiteProfile } from '../../shared/services/sites';
import { siteDraftSchema } from '../../shared/services/sites';
import { SerialWriter } from '../persist/atomic-file';
import { moveAside, readVersionedJson, type CorruptFileReport } from './versioned-file';

const formatVersion = 1;

/** The sites file's name in a data directory. */
export const sitesFileName = 'sites.json';

/**
 * A stored site: the contract's draft with its id. The schema is strict, so a stray
 * `password` field can never be read from or written to the sites file (rule 20).
 */
export const siteProfileSchema = siteDraftSchema.required({ id: true });

/**
 * `sites.json`: `{ version: 1, sites: [...] }`, written crash-safely. Holds profiles only;
 * every secret lives in the credential vault. The file is read on every call, not cached:
 * the web shell and the CLI share a data folder, and a stale copy written back would undo
 * what the other process saved. Callers serialize read-modify-write cycles.
 */
export class SitesStore {
  private readonly writer: SerialWriter;

  constructor(
    private readonly file: string,
    private readonly options: { readonly onCorruptFile?: (report: CorruptFileReport) => void } = {},
  ) {
    this.writer = new SerialWriter(file);
  }

  /**
   * Every site, in the order saved. A damaged file is moved aside and reported; the sites
   * that still pass the schema are kept and written back. A newer format throws
   * `unsupported-version` and stays untouched.
   */
  async read(): Promise<SiteProfile[]> {
    const read = await readVersionedJson(this.file, formatVersion, 'The sites file');
    if (read.kind === 'missing') return [];
    const { sites, problem } = read.kind === 'ok' ? salvageSites(read.body) : { sites: [], problem: read.reason };
    if (problem !== undefined) {
      this.options.onCorruptFile?.(await moveAside(this.file, problem));
      if (sites.length > 0) await this.write(sites);
    }
    return sites;
  }

  /** Replaces the whole list, durably, or throws leaving the old file. */
  async write(sites: readonly SiteProfile[]): Promise<void> {
    await this.writer.write(`${JSON.stringify({ version: formatVersion, sites }, null, 2)}\n`);
  }
}

/** The valid sites of a version-1 body, and what was wrong with the rest (undefined when nothing). */
function salvageSites(body: Record<string, unknown>): { sites: SiteProfile[]; problem?: string } {
  if (!Array.isArray(body.sites)) return { sites: [], problem: 'no list of sites' };
  const extra = Object.keys(body).filter((key) => key !== 'version' && key !== 'sites');
  const problems: string[] = extra.length ? [`unknown fields ${extra.join(', ')}`] : [];
  const sites: SiteProfile[] = [];
  const ids = new Set<string>();
  for (const [index, raw] of (body.sites as unknown[]).entries()) {
    const parsed = siteProfileSchema.safeParse(raw);
    if (!parsed.success) problems.push(`site ${index + 1}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    else if (ids.has(parsed.data.id)) problems.push(`site ${index + 1}: duplicate id`);
    else {
      ids.add(parsed.data.id);
      sites.push(parsed.data);
    }
  }
  return problems.length ? { sites, problem: problems.join('; ') } : { sites };
}
