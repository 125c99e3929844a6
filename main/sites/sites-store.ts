import type { SiteProfile } from '../../shared/services/sites';
import { folderPathSchema, siteDraftSchema } from '../../shared/services/sites';
import { SerialWriter } from '../persist/atomic-file';
import type { SitesData } from './site-folders';
import { moveAside, readVersionedJson, type CorruptFileReport } from './versioned-file';

// 2 added `folders`; a version-1 file (sites only) still loads, with no folders of its own.
const formatVersion = 2;
const oldestVersion = 1;

/** The sites file's name in a data directory. */
export const sitesFileName = 'sites.json';

/**
 * A stored site: the contract's draft with its id. The schema is strict, so a stray
 * `password` field can never be read from or written to the sites file (rule 20).
 */
export const siteProfileSchema = siteDraftSchema.required({ id: true });

/**
 * `sites.json`: `{ version: 2, sites: [...], folders: [...] }`, written crash-safely. Holds
 * profiles and Site Manager folders only; every secret lives in the credential vault. The
 * file is read on every call, not cached: the web shell and the CLI share a data folder, and
 * a stale copy written back would undo what the other process saved. Callers serialize
 * read-modify-write cycles.
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
   * Every site, in the order saved, and the folders as stored. A damaged file is moved aside
   * and reported; the sites and folders that still pass the schema are kept and written back.
   * A newer format throws `unsupported-version` and stays untouched.
   */
  async read(): Promise<SitesData> {
    const read = await readVersionedJson(this.file, formatVersion, 'The sites file', oldestVersion);
    if (read.kind === 'missing') return { sites: [], folders: [] };
    const { data, problem } = read.kind === 'ok' ? salvage(read.body, read.version) : { data: { sites: [], folders: [] }, problem: read.reason };
    if (problem !== undefined) {
      this.options.onCorruptFile?.(await moveAside(this.file, problem));
      if (data.sites.length > 0 || data.folders.length > 0) await this.write(data);
    }
    return data;
  }

  /** Replaces the whole file, durably, or throws leaving the old file. */
  async write(data: SitesData): Promise<void> {
    await this.writer.write(`${JSON.stringify({ version: formatVersion, sites: data.sites, folders: data.folders }, null, 2)}\n`);
  }
}

/** The valid sites and folders of a body, and what was wrong with the rest (undefined when nothing). */
function salvage(body: Record<string, unknown>, version: number): { data: SitesData; problem?: string } {
  if (!Array.isArray(body.sites)) return { data: { sites: [], folders: [] }, problem: 'no list of sites' };
  const known = version === 1 ? ['version', 'sites'] : ['version', 'sites', 'folders'];
  const extra = Object.keys(body).filter((key) => !known.includes(key));
  const problems: string[] = extra.length ? [`unknown fields ${extra.join(', ')}`] : [];
  const sites = salvageSites(body.sites as unknown[], problems);
  const folders = version === 1 ? [] : salvageFolders(body.folders, problems);
  const data = { sites, folders };
  return problems.length ? { data, problem: problems.join('; ') } : { data };
}

function salvageSites(list: readonly unknown[], problems: string[]): SiteProfile[] {
  const sites: SiteProfile[] = [];
  const ids = new Set<string>();
  for (const [index, raw] of list.entries()) {
    const parsed = siteProfileSchema.safeParse(raw);
    if (!parsed.success) problems.push(`site ${index + 1}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    else if (ids.has(parsed.data.id)) problems.push(`site ${index + 1}: duplicate id`);
    else {
      ids.add(parsed.data.id);
      sites.push(parsed.data);
    }
  }
  return sites;
}

/** Valid folder paths, each once: a folder listed twice is still one folder, not damage. */
function salvageFolders(list: unknown, problems: string[]): string[] {
  if (!Array.isArray(list)) {
    problems.push('no list of folders');
    return [];
  }
  const folders = new Set<string>();
  for (const [index, raw] of (list as unknown[]).entries()) {
    const parsed = folderPathSchema.safeParse(raw);
    if (parsed.success) folders.add(parsed.data);
    else problems.push(`folder ${index + 1}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  return [...folders];
}
