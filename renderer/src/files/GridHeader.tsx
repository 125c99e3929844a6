import { ChevronDown, ChevronUp } from 'lucide-react';
import type { SortKey, SortOrder } from './sort';

const COLUMNS: readonly { key: SortKey; label: string }[] = [
  { key: 'name', label: 'Name' },
  { key: 'size', label: 'Size' },
  { key: 'modified', label: 'Modified' },
  { key: 'kind', label: 'Kind' },
];

/** The sticky header row; each column header holds a button that sorts by it. */
export function GridHeader({ sort, onSort }: { sort: SortOrder; onSort: (key: SortKey) => void }) {
  return (
    <div role="rowgroup" className="grid-head">
      <div role="row" className="grid-row grid-head-row" aria-rowindex={1}>
        {COLUMNS.map(({ key, label }) => {
          const active = sort.key === key;
          const Arrow = sort.direction === 'ascending' ? ChevronUp : ChevronDown;
          return (
            <div
              key={key}
              role="columnheader"
              className={`cell cell-${key}${active ? ' is-sorted' : ''}`}
              aria-sort={active ? sort.direction : 'none'}
            >
              <button type="button" className="sort-button" onClick={() => onSort(key)}>
                <span>{label}</span>
                {active && <Arrow size={12} strokeWidth={2} aria-hidden />}
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}
