import { Plug } from 'lucide-react';

/**
 * The row reserved for quick connect. The FTPS engine arrives in a later issue; until
 * then this says so rather than showing controls that would do nothing.
 */
export function QuickConnectBar() {
  return (
    <header className="toolbar" role="region" aria-label="Quick connect">
      <div className="brand">
        <span className="brand-mark" aria-hidden>
          S
        </span>
        <span className="brand-name">Sluice</span>
      </div>
      <div className="toolbar-note">
        <Plug size={14} strokeWidth={1.75} aria-hidden />
        <span>Quick connect will be available once the FTPS engine is in place.</span>
      </div>
    </header>
  );
}
