import { useCallback, useRef, useState, type ReactNode } from 'react';
import { ArrowUp, Download, FolderPlus, ListPlus, Pencil, RefreshCw, Trash2, Upload } from 'lucide-react';
import { ContextMenu, type MenuItem } from './ContextMenu';
import { FileGrid, type MenuPoint } from './FileGrid';
import { PathBar } from './PathBar';
import { StatusLine } from './StatusLine';
import type { PaneSource } from './paneSource';

/** Shortcut labels follow the platform's conventions. */
const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * A file pane: navigation bar, the virtualized list, a status line and a context menu.
 * It knows nothing of where files live; its source supplies state and actions.
 */
export function FilePane({ source, headerEnd }: { source: PaneSource; headerEnd?: ReactNode }) {
  const { actions } = source;
  const gridRef = useRef<HTMLDivElement>(null);
  const [menu, setMenu] = useState<MenuPoint | null>(null);
  const hasParent = source.useSelect((pane) => pane.parent !== null);
  const loading = source.useSelect((pane) => pane.loading);
  const empty = source.useSelect((pane) => pane.path !== '' && !pane.loading && pane.entries.length === 0);
  const selectedCount = source.useSelect((pane) => pane.selected.size);
  const hasFocus = source.useSelect((pane) => pane.focus !== null);

  const closeMenu = useCallback((restoreFocus: boolean) => {
    setMenu(null);
    if (restoreFocus) gridRef.current?.focus();
  }, []);

  const newFolderKeys = isMac() ? '⇧⌘N' : 'Ctrl+Shift+N';
  const dnd = source.dragDrop;
  const canTransfer = dnd?.useCanTransfer() ?? false;
  const transferKey = dnd?.pane === 'local' ? 'U' : 'D';
  const transferItems: MenuItem[] = dnd
    ? [
        {
          label: dnd.pane === 'local' ? 'Upload' : 'Download',
          icon: dnd.pane === 'local' ? Upload : Download,
          shortcut: isMac() ? `⌘${transferKey}` : `Ctrl+${transferKey}`,
          disabled: !canTransfer,
          run: () => dnd.transferSelection(true),
        },
        {
          label: 'Add to queue',
          icon: ListPlus,
          shortcut: isMac() ? `⇧⌘${transferKey}` : `Ctrl+Shift+${transferKey}`,
          disabled: !canTransfer,
          run: () => dnd.transferSelection(false),
        },
      ]
    : [];
  const canRename = selectedCount === 1 || (selectedCount === 0 && hasFocus);
  const items: MenuItem[] = [
    ...transferItems,
    { label: 'New folder', icon: FolderPlus, shortcut: newFolderKeys, run: actions.requestNewFolder },
    { label: 'Rename', icon: Pencil, shortcut: 'F2', disabled: !canRename, run: actions.requestRename },
    { label: 'Delete', icon: Trash2, shortcut: 'Del', disabled: selectedCount === 0, run: actions.requestDelete },
    { label: 'Refresh', icon: RefreshCw, shortcut: 'F5', run: () => void actions.refresh() },
    ...(source.extraMenuItems?.({ selectedCount, canActOnOne: canRename }) ?? []),
  ];

  return (
    <section className="pane" aria-label={`${source.label} pane`}>
      <header className="pane-header">
        <h2 className="pane-title">{source.label}</h2>
        <div className="pane-nav">
          <button type="button" className="icon-button" aria-label="Up" title="Up one folder (Backspace)" disabled={!hasParent} onClick={() => void actions.up()}>
            <ArrowUp size={15} strokeWidth={1.75} aria-hidden />
          </button>
          <button type="button" className="icon-button" aria-label="Refresh" title="Refresh (F5)" onClick={() => void actions.refresh()}>
            <RefreshCw size={14} strokeWidth={1.75} aria-hidden className={loading ? 'spin' : undefined} />
          </button>
          <PathBar source={source} />
          <button type="button" className="icon-button" aria-label="New folder" title={`New folder (${newFolderKeys})`} onClick={actions.requestNewFolder}>
            <FolderPlus size={15} strokeWidth={1.75} aria-hidden />
          </button>
        </div>
        {headerEnd}
      </header>
      <div className="grid-frame">
        <FileGrid source={source} gridRef={gridRef} onMenu={setMenu} />
        {empty && (
          <p className="grid-empty">
            This folder is empty
          </p>
        )}
      </div>
      <StatusLine source={source} />
      {menu && <ContextMenu label={`${source.label} file actions`} x={menu.x} y={menu.y} items={items} onClose={closeMenu} />}
    </section>
  );
}
