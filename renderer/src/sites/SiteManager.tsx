import { useMemo, useState } from 'react';
import { Copy, FolderPlus, Plug, Plus, Save, Trash2 } from 'lucide-react';
import type { SiteProfile } from '../../../shared/services/sites';
import { folderSegments, isWithinFolder } from '../../../shared/site-folders';
import { Dialog } from '../dialogs/Dialog';
import { describeError } from '../files/errors';
import { MasterPasswordDialog } from '../prompts/MasterPasswordDialog';
import { vaultNeedsPassword } from '../prompts/PromptHost';
import { useAppStore } from '../store/StoreContext';
import { SiteEditor, type SiteTab } from './SiteEditor';
import { newSiteValues, secretsToSave, storesSecret, validateSite, valuesFromSite, type SiteField, type SiteFormValues } from './siteForm';
import { SiteTree, type TreeSelection } from './SiteTree';
import { buildSiteTree, findFolder, uniqueName, visibleRows, type SiteFolderNode } from './siteTree';
import { FieldError } from '../dialogs/FieldError';
import { useStoredSecrets } from './useStoredSecrets';

/** The folder a selection lives in: new sites and folders are created there. */
function folderOfSelection(selection: TreeSelection, sites: readonly SiteProfile[], values: SiteFormValues | null): string {
  switch (selection.kind) {
    case 'folder':
      return selection.path;
    case 'site':
      return sites.find((site) => site.id === selection.id)?.folder ?? '';
    case 'new':
      return values?.folder ?? '';
  }
}

/** A folder rename on its way to the service. */
interface FolderRename {
  readonly from: string;
  readonly to: string;
}

/**
 * The selection to show. The service pushes the renamed lists before the rename's own answer
 * arrives; from then on the renamed folder is selected under its new name, so it is never
 * shown unselected in between.
 */
function followRename(selection: TreeSelection, renaming: FolderRename | null, tree: SiteFolderNode): TreeSelection {
  if (renaming === null || selection.kind !== 'folder' || selection.path !== renaming.from) return selection;
  return findFolder(tree, renaming.from) === undefined && findFolder(tree, renaming.to) !== undefined ? { kind: 'folder', path: renaming.to } : selection;
}

/**
 * The Site Manager (FileZilla class): a tree of folders and sites on the left, the
 * selected site's settings in tabs on the right; Save, Connect (saves first), Close.
 */
export function SiteManager({ onClose }: { onClose: () => void }) {
  const sites = useAppStore((state) => state.sites);
  const siteFolders = useAppStore((state) => state.siteFolders);
  const vault = useAppStore((state) => state.vault);
  const sitesActions = useAppStore((state) => state.sitesActions);
  const connect = useAppStore((state) => state.connectionActions.connect);
  const [picked, setSelection] = useState<TreeSelection>(() => (sites[0] ? { kind: 'site', id: sites[0].id } : { kind: 'folder', path: '' }));
  const [renaming, setRenaming] = useState<FolderRename | null>(null);
  const [values, setValues] = useState<SiteFormValues | null>(() => (sites[0] ? valuesFromSite(sites[0]) : null));
  const [errors, setErrors] = useState<Partial<Record<SiteField, string>>>({});
  const [tab, setTab] = useState<SiteTab>('general');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [folderName, setFolderName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [needsVault, setNeedsVault] = useState<(() => Promise<void>) | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const tree = useMemo(() => buildSiteTree(sites, siteFolders), [sites, siteFolders]);
  const rows = useMemo(() => visibleRows(tree, collapsed), [tree, collapsed]);
  const selection = followRename(picked, renaming, tree);
  const currentFolder = folderOfSelection(selection, sites, values);
  const savedSite = selection.kind === 'site' ? sites.find((site) => site.id === selection.id) : undefined;
  const stored = useStoredSecrets(savedSite);
  const draftRow =
    selection.kind === 'new' && values
      ? { name: values.name, after: `folder:${values.folder}`, level: folderSegments(values.folder).length + 2 }
      : null;

  function select(next: TreeSelection) {
    setSelection(next);
    setErrors({});
    setProblem(null);
    if (next.kind === 'site') {
      const site = sites.find((candidate) => candidate.id === next.id);
      setValues(site ? valuesFromSite(site) : null);
    } else if (next.kind === 'folder') {
      setValues(null);
      setFolderName(folderSegments(next.path).pop() ?? '');
    }
  }

  function expand(path: string, open: boolean) {
    setCollapsed((current) => {
      const next = new Set(current);
      if (open) next.delete(path);
      else next.add(path);
      return next;
    });
  }

  function newSite() {
    const taken = sites.filter((site) => site.folder === currentFolder).map((site) => site.name);
    setValues(newSiteValues(uniqueName('New site', taken), currentFolder));
    setSelection({ kind: 'new' });
    setErrors({});
    setTab('general');
    expand(currentFolder, true);
  }

  /** Creates "New folder" in the current folder, stored at once (FileZilla keeps empty folders too). */
  function newFolder() {
    const parent = currentFolder;
    const siblings = (findFolder(tree, parent)?.folders ?? []).map((folder) => folder.name);
    const name = uniqueName('New folder', siblings);
    const path = parent ? `${parent}/${name}` : name;
    void guarded(async () => {
      await sitesActions.createFolder(path);
      expand(parent, true);
      select({ kind: 'folder', path });
    }, false);
  }

  /** Runs an action that may write a secret: a locked master-password vault is unlocked first. */
  async function guarded(action: () => Promise<void>, writesSecret: boolean) {
    if (writesSecret && vaultNeedsPassword(vault)) return setNeedsVault(() => action);
    setBusy(true);
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  /** Validates and saves the form; resolves to the saved site, or null when the form is wrong. */
  function save(then?: (site: SiteProfile) => void) {
    if (!values) return;
    const result = validateSite(values);
    if (result.errors) {
      setErrors(result.errors);
      setTab(tabOfField(Object.keys(result.errors)[0] as SiteField));
      return;
    }
    setErrors({});
    const secrets = secretsToSave(values);
    void guarded(async () => {
      const saved = await sitesActions.save(result.draft, secrets);
      setSelection({ kind: 'site', id: saved.id });
      setValues(valuesFromSite(saved));
      then?.(saved);
    }, storesSecret(secrets));
  }

  function renameFolder() {
    if (selection.kind !== 'folder' || !selection.path) return;
    const name = folderName.trim();
    if (!name || name.includes('/')) return setProblem('A folder name cannot be empty or contain /.');
    const parent = folderSegments(selection.path).slice(0, -1).join('/');
    const target = parent ? `${parent}/${name}` : name;
    const from = selection.path;
    setRenaming({ from, to: target });
    void guarded(async () => {
      try {
        // One call moves the sites and sub-folders inside too, in one write of the sites file.
        await sitesActions.renameFolder(from, target);
        setSelection({ kind: 'folder', path: target });
      } finally {
        setRenaming(null);
      }
    }, false);
  }

  function duplicate() {
    if (selection.kind !== 'site') return;
    void guarded(async () => {
      const copy = await sitesActions.duplicate(selection.id);
      setSelection({ kind: 'site', id: copy.id });
      setValues(valuesFromSite(copy));
    }, false);
  }

  function remove() {
    setConfirmDelete(false);
    if (selection.kind === 'new') return select({ kind: 'folder', path: values?.folder ?? '' });
    void guarded(async () => {
      if (selection.kind === 'site') await sitesActions.remove(selection.id);
      else await sitesActions.removeFolder(selection.path);
      const parent = selection.kind === 'folder' ? folderSegments(selection.path).slice(0, -1).join('/') : currentFolder;
      select({ kind: 'folder', path: parent });
    }, false);
  }

  const deleteWhat = selection.kind === 'folder' ? folderToDelete(folderSegments(selection.path).pop() ?? '', sites.filter((site) => isWithinFolder(site.folder, selection.path)).length) : `the site “${values?.name ?? ''}”`;

  return (
    <>
      <Dialog title="Site Manager" onCancel={onClose} className="dialog-site-manager">
        <div className="site-manager">
          <div className="site-side">
            <div className="site-tree-frame">
              <SiteTree
                rows={rows}
                draft={draftRow}
                selection={selection}
                onSelect={select}
                onToggle={expand}
                onOpen={(id) => {
                  onClose();
                  void connect({ kind: 'site', siteId: id });
                }}
              />
            </div>
            <div className="site-side-buttons">
              <button type="button" className="button button-small" onClick={newSite}>
                <Plus size={13} strokeWidth={1.75} aria-hidden />
                New site
              </button>
              <button type="button" className="button button-small" onClick={newFolder}>
                <FolderPlus size={13} strokeWidth={1.75} aria-hidden />
                New folder
              </button>
              <button type="button" className="button button-small" disabled={selection.kind !== 'site' || busy} onClick={duplicate}>
                <Copy size={13} strokeWidth={1.75} aria-hidden />
                Duplicate
              </button>
              <button
                type="button"
                className="button button-small"
                disabled={busy || (selection.kind === 'folder' && selection.path === '')}
                onClick={() => setConfirmDelete(true)}
              >
                <Trash2 size={13} strokeWidth={1.75} aria-hidden />
                Delete
              </button>
            </div>
          </div>
          <div className="site-main">
            {values ? (
              <SiteEditor
                values={values}
                errors={errors}
                tab={tab}
                onTab={setTab}
                vault={vault}
                stored={stored}
                change={(patch) => {
                  setValues({ ...values, ...patch });
                  // A corrected field drops its message; the others keep theirs until the next save.
                  setErrors((current) => Object.fromEntries(Object.entries(current).filter(([field]) => !(field in patch))));
                }}
              />
            ) : selection.kind === 'folder' && selection.path !== '' ? (
              <form className="dialog-form folder-form" onSubmit={(event) => (event.preventDefault(), renameFolder())}>
                <label className="field">
                  <span className="field-label">Folder name</span>
                  <input className="field-input" value={folderName} onChange={(event) => setFolderName(event.target.value)} />
                </label>
                <div>
                  <button type="submit" className="button button-small" disabled={busy}>
                    Rename folder
                  </button>
                </div>
              </form>
            ) : (
              <p className="empty-text site-empty">Select a site, or create one with “New site”.</p>
            )}
            <FieldError message={problem} />
          </div>
        </div>
        <div className="dialog-buttons">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button type="button" className="button" disabled={!values || busy} onClick={() => save()}>
            <Save size={13} strokeWidth={1.75} aria-hidden />
            Save
          </button>
          <button
            type="button"
            className="button button-primary"
            disabled={!values || busy}
            onClick={() =>
              save((site) => {
                onClose();
                void connect({ kind: 'site', siteId: site.id });
              })
            }
          >
            <Plug size={13} strokeWidth={1.75} aria-hidden />
            Connect
          </button>
        </div>
      </Dialog>
      {needsVault && (
        <MasterPasswordDialog
          create={vault?.initialized === false}
          onUnlock={async (master) => {
            await sitesActions.unlockVault(master);
            const action = needsVault;
            setNeedsVault(null);
            await guarded(action, false);
          }}
          onClose={() => setNeedsVault(null)}
        />
      )}
      {confirmDelete && (
        <Dialog title="Delete" onCancel={() => setConfirmDelete(false)} description={<p>Delete {deleteWhat}? This cannot be undone.</p>}>
          <div className="dialog-buttons">
            <button type="button" data-autofocus className="button" onClick={() => setConfirmDelete(false)}>
              Cancel
            </button>
            <button type="button" className="button button-danger" onClick={remove}>
              Delete
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}

/** The tab holding a field, so a validation error is never hidden on another tab. */
function tabOfField(field: SiteField): SiteTab {
  if (['minTlsVersion', 'dataProtection', 'clearCommandChannel', 'certFile', 'keyFile', 'passphraseMode', 'passphrase'].includes(field)) return 'security';
  if (['transferMode', 'connectionLimit', 'charset'].includes(field)) return 'transfer';
  if (['localFolder', 'remoteFolder', 'allowInsecure'].includes(field)) return 'advanced';
  return 'general';
}

/** What the delete confirmation names for a folder: its sites go with it, and the count says so. */
function folderToDelete(name: string, siteCount: number): string {
  if (siteCount === 0) return `the folder “${name}”`;
  return `the folder “${name}” and the ${siteCount === 1 ? 'site' : `${siteCount} sites`} in it`;
}
