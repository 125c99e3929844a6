import { useId, useRef, type KeyboardEvent } from 'react';
import type { SiteProfile, VaultStatus } from '../../../shared/services/sites';
import { AdvancedTab, GeneralTab, SecurityTab, TransferTab, type TabProps } from './SiteTabs';

/** The Site Manager's tabs, in FileZilla's order. */
export type SiteTab = 'general' | 'security' | 'transfer' | 'advanced';

const TABS: readonly { id: SiteTab; label: string }[] = [
  { id: 'general', label: 'General' },
  { id: 'security', label: 'Security' },
  { id: 'transfer', label: 'Transfer' },
  { id: 'advanced', label: 'Advanced' },
];

/** The selected site's fields, in tabs (ARIA tabs pattern). */
export function SiteEditor({
  tab,
  onTab,
  vault,
  saved,
  ...props
}: TabProps & { tab: SiteTab; onTab: (tab: SiteTab) => void; vault: VaultStatus | null; saved: SiteProfile | undefined }) {
  const baseId = useId();
  const refs = useRef(new Map<SiteTab, HTMLButtonElement>());

  function onKeyDown(event: KeyboardEvent) {
    const at = TABS.findIndex((candidate) => candidate.id === tab);
    const moves: Record<string, number> = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: TABS.length - 1 };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = TABS[(to + TABS.length) % TABS.length]!;
    onTab(next.id);
    refs.current.get(next.id)?.focus();
  }

  return (
    <div className="site-editor">
      <div role="tablist" aria-label="Site settings" className="tabs site-tabs" onKeyDown={onKeyDown}>
        {TABS.map(({ id, label }) => (
          <button
            key={id}
            ref={(element) => {
              if (element) refs.current.set(id, element);
            }}
            type="button"
            role="tab"
            id={`${baseId}-${id}`}
            aria-selected={tab === id}
            aria-controls={`${baseId}-${id}-panel`}
            tabIndex={tab === id ? 0 : -1}
            className="tab"
            onClick={() => onTab(id)}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${baseId}-${tab}-panel`} aria-labelledby={`${baseId}-${tab}`} className="site-tab-panel">
        {tab === 'general' && <GeneralTab {...props} vault={vault} saved={saved} />}
        {tab === 'security' && <SecurityTab {...props} />}
        {tab === 'transfer' && <TransferTab {...props} />}
        {tab === 'advanced' && <AdvancedTab {...props} />}
      </div>
    </div>
  );
}
