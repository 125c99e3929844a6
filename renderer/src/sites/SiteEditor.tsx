import { useId } from 'react';
import type { StoredSecrets, VaultStatus } from '../../../shared/services/sites';
import { TabList } from '../shell/TabList';
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
  stored,
  ...props
}: TabProps & { tab: SiteTab; onTab: (tab: SiteTab) => void; vault: VaultStatus | null; stored: StoredSecrets | undefined }) {
  const baseId = useId();

  return (
    <div className="site-editor">
      <TabList
        label="Site settings"
        className="tabs site-tabs"
        tabs={TABS.map(({ id, label }) => ({ id, content: label }))}
        current={tab}
        onSelect={onTab}
        tabId={(id) => `${baseId}-${id}`}
        panelId={(id) => `${baseId}-${id}-panel`}
      />
      <div role="tabpanel" id={`${baseId}-${tab}-panel`} aria-labelledby={`${baseId}-${tab}`} className="site-tab-panel">
        {tab === 'general' && <GeneralTab {...props} vault={vault} stored={stored} />}
        {tab === 'security' && <SecurityTab {...props} stored={stored} />}
        {tab === 'transfer' && <TransferTab {...props} />}
        {tab === 'advanced' && <AdvancedTab {...props} />}
      </div>
    </div>
  );
}
