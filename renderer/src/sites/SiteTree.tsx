import { useEffect, useRef, type KeyboardEvent } from 'react';
import { ChevronDown, ChevronRight, Folder, FolderOpen, Server } from 'lucide-react';
import type { SiteTreeRow } from './siteTree';

/** What the tree has selected: a saved site, a folder, or the unsaved new site. */
export type TreeSelection = { readonly kind: 'site'; readonly id: string } | { readonly kind: 'folder'; readonly path: string } | { readonly kind: 'new' };

/** The row key of a selection, to match it against rows. */
export function selectionKey(selection: TreeSelection): string {
  switch (selection.kind) {
    case 'site':
      return `site:${selection.id}`;
    case 'folder':
      return `folder:${selection.path}`;
    case 'new':
      return 'new';
  }
}

interface SiteTreeProps {
  readonly rows: readonly SiteTreeRow[];
  /** The unsaved new site's name, shown at the end of its folder; null when there is none. */
  readonly draft: { readonly name: string; readonly level: number; readonly after: string } | null;
  readonly selection: TreeSelection;
  readonly onSelect: (selection: TreeSelection) => void;
  readonly onToggle: (path: string, expand: boolean) => void;
  readonly onOpen: (id: string) => void;
}

type Item = { key: string; level: number; label: string; selection: TreeSelection; folder?: { path: string; expanded: boolean } };

/**
 * The Site Manager's tree (ARIA tree pattern): arrows move, Right/Left open and close
 * folders, Enter or a double-click on a site connects.
 */
export function SiteTree({ rows, draft, selection, onSelect, onToggle, onOpen }: SiteTreeProps) {
  const items: Item[] = [];
  for (const row of rows) {
    if (row.kind === 'folder') {
      items.push({ key: row.key, level: row.level, label: row.node.name, selection: { kind: 'folder', path: row.node.path }, folder: { path: row.node.path, expanded: row.expanded } });
    } else {
      items.push({ key: row.key, level: row.level, label: row.site.name, selection: { kind: 'site', id: row.site.id } });
    }
    if (draft && row.key === draft.after) items.push({ key: 'new', level: draft.level, label: draft.name || 'New site', selection: { kind: 'new' } });
  }
  const activeKey = selectionKey(selection);
  const active = Math.max(0, items.findIndex((item) => item.key === activeKey));
  const treeRef = useRef<HTMLUListElement>(null);
  const focusInside = useRef(false);

  // Keep DOM focus on the selected item while the tree has focus (roving tabindex).
  useEffect(() => {
    if (focusInside.current) treeRef.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(items[active]?.key ?? '')}"]`)?.focus();
  });

  function onKeyDown(event: KeyboardEvent) {
    const item = items[active];
    if (!item) return;
    const go = (index: number) => {
      const target = items[Math.max(0, Math.min(items.length - 1, index))];
      if (target) onSelect(target.selection);
    };
    const handlers: Record<string, () => void> = {
      ArrowDown: () => go(active + 1),
      ArrowUp: () => go(active - 1),
      Home: () => go(0),
      End: () => go(items.length - 1),
      ArrowRight: () => item.folder && !item.folder.expanded && onToggle(item.folder.path, true),
      ArrowLeft: () => item.folder && item.folder.expanded && onToggle(item.folder.path, false),
      Enter: () => (item.selection.kind === 'site' ? onOpen(item.selection.id) : item.folder && onToggle(item.folder.path, !item.folder.expanded)),
    };
    const handler = handlers[event.key];
    if (!handler) return;
    event.preventDefault();
    handler();
  }

  return (
    <ul
      ref={treeRef}
      role="tree"
      aria-label="Sites"
      className="site-tree"
      onKeyDown={onKeyDown}
      onFocus={() => (focusInside.current = true)}
      onBlur={() => (focusInside.current = false)}
    >
      {items.map((item, index) => {
        const Chevron = item.folder?.expanded ? ChevronDown : ChevronRight;
        const Icon = item.folder ? (item.folder.expanded ? FolderOpen : Folder) : Server;
        return (
          <li
            key={item.key}
            data-key={item.key}
            role="treeitem"
            aria-level={item.level}
            aria-selected={index === active}
            aria-expanded={item.folder ? item.folder.expanded : undefined}
            tabIndex={index === active ? 0 : -1}
            className={`tree-item${index === active ? ' is-selected' : ''}${item.key === 'new' ? ' is-draft' : ''}`}
            style={{ paddingLeft: 6 + (item.level - 1) * 14 }}
            onClick={() => onSelect(item.selection)}
            onDoubleClick={() => (item.selection.kind === 'site' ? onOpen(item.selection.id) : item.folder && onToggle(item.folder.path, !item.folder.expanded))}
          >
            {item.folder ? (
              <Chevron
                size={12}
                strokeWidth={2}
                aria-hidden
                className="tree-chevron"
                onClick={(event) => {
                  event.stopPropagation();
                  onToggle(item.folder!.path, !item.folder!.expanded);
                }}
              />
            ) : (
              <span className="tree-chevron" aria-hidden />
            )}
            <Icon size={14} strokeWidth={1.75} aria-hidden className={item.folder ? 'entry-icon-dir' : 'tree-site-icon'} />
            <span className="tree-label">{item.label}</span>
          </li>
        );
      })}
    </ul>
  );
}
