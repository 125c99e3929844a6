import { Dialog } from '../dialogs/Dialog';
import { kindLabel, type PaneEntry } from './entry';
import { formatFullDate, formatSize } from './format';

/** What is known about one entry, read-only. */
export function PropertiesDialog({ entry, onClose }: { entry: PaneEntry; onClose: () => void }) {
  const rows: [string, string | undefined][] = [
    ['Name', entry.name],
    ['Path', entry.path],
    ['Kind', kindLabel(entry)],
    ['Link target', entry.linkTarget],
    ['Size', entry.kind === 'file' ? `${formatSize(entry.size)} (${entry.size.toLocaleString()} bytes)` : undefined],
    ['Modified', entry.modified === null ? undefined : formatFullDate(entry.modified)],
    ['Permissions', entry.permissions],
    ['Mode', entry.mode === undefined ? undefined : (entry.mode & 0o7777).toString(8).padStart(3, '0')],
    ['Owner', entry.owner],
    ['Group', entry.group],
    ['Warning', entry.warning === undefined ? undefined : `Unsafe name: ${entry.warning}`],
  ];
  return (
    <Dialog title={`Properties of “${entry.name}”`} onCancel={onClose}>
      <dl className="properties">
        {rows
          .filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '')
          .map(([label, value]) => (
            <div key={label} className="properties-row">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      <div className="dialog-buttons">
        <button type="button" data-autofocus className="button button-primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
