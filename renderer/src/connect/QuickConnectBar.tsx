import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { ChevronDown, History, Plug, Server } from 'lucide-react';
import type { TlsMode } from '../../../shared/services/sites';
import { ContextMenu, type MenuItem } from '../files/ContextMenu';
import { useAppStore } from '../store/StoreContext';
import {
  emptyQuickConnect,
  parseQuickConnectUrl,
  PROTOCOLS,
  quickConnectProblem,
  toConnectTarget,
  type QuickConnectFields,
} from './quickConnect';

/**
 * The quick connect bar: host, user, password, port and protocol, Enter in any field
 * connects, and `ftpes://user@host:port` pasted into Host fills the fields. The history
 * menu refills the fields of a past connection (never its password: none is kept).
 */
export function QuickConnectBar() {
  const [fields, setFields] = useState<QuickConnectFields>(emptyQuickConnect);
  const [problem, setProblem] = useState<string | null>(null);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const historyRef = useRef<HTMLButtonElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const history = useAppStore((state) => state.quickConnectHistory);
  const connecting = useAppStore((state) => state.connection.status === 'connecting');
  const connect = useAppStore((state) => state.connectionActions.connect);
  const openDialog = useAppStore((state) => state.openDialog);

  const update = (patch: Partial<QuickConnectFields>) => {
    setFields((current) => ({ ...current, ...patch }));
    setProblem(null);
  };

  function onHostChange(event: ChangeEvent<HTMLInputElement>) {
    const parsed = parseQuickConnectUrl(event.target.value);
    update(parsed ?? { host: event.target.value });
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const wrong = quickConnectProblem(fields);
    if (wrong) return setProblem(wrong);
    void connect(toConnectTarget(fields));
    // The password is for this one connection; the bar does not keep it around.
    update({ password: '' });
  }

  const historyItems: MenuItem[] = history.map((entry) => ({
    label: `${entry.user}@${entry.host}${entry.port ? `:${entry.port}` : ''} (${shortMode(entry.tlsMode)})`,
    icon: Server,
    run: () => {
      update({ host: entry.host, user: entry.user, port: entry.port ? String(entry.port) : '', tlsMode: entry.tlsMode, password: '' });
      passwordRef.current?.focus();
    },
  }));

  return (
    // A landmark to jump to, holding the toolbar of connection fields.
    <header className="toolbar" role="region" aria-label="Quick connect">
      <div className="brand">
        <span className="brand-mark" aria-hidden>
          S
        </span>
        <span className="brand-name">Sluice</span>
      </div>
      <button type="button" className="button button-small toolbar-button" onClick={() => openDialog({ kind: 'site-manager' })}>
        <Server size={14} strokeWidth={1.75} aria-hidden />
        Site Manager
      </button>
      <form className="quick-connect" role="toolbar" aria-label="Quick connect" onSubmit={onSubmit} noValidate>
        <label className="qc-field qc-host">
          <span>Host</span>
          <input
            value={fields.host}
            onChange={onHostChange}
            placeholder="ftp.example.com"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={problem !== null}
            aria-describedby={problem !== null ? 'qc-problem' : undefined}
          />
        </label>
        <label className="qc-field">
          <span>User</span>
          <input value={fields.user} onChange={(e) => update({ user: e.target.value })} placeholder="anonymous" spellCheck={false} autoComplete="off" />
        </label>
        <label className="qc-field">
          <span>Password</span>
          <input ref={passwordRef} type="password" value={fields.password} onChange={(e) => update({ password: e.target.value })} autoComplete="off" />
        </label>
        <label className="qc-field qc-port">
          <span>Port</span>
          <input value={fields.port} onChange={(e) => update({ port: e.target.value })} inputMode="numeric" placeholder={fields.tlsMode === 'implicit' ? '990' : '21'} autoComplete="off" />
        </label>
        <label className="qc-field qc-protocol">
          <span>Protocol</span>
          <select value={fields.tlsMode} onChange={(e) => update({ tlsMode: e.target.value as TlsMode })}>
            {PROTOCOLS.map((protocol) => (
              <option key={protocol.mode} value={protocol.mode}>
                {protocol.label}
              </option>
            ))}
          </select>
        </label>
        <div className="qc-actions">
          <button type="submit" className="button button-primary button-small" disabled={connecting}>
            <Plug size={13} strokeWidth={1.75} aria-hidden />
            Connect
          </button>
          <button
            ref={historyRef}
            type="button"
            className="icon-button"
            aria-label="Recent connections"
            aria-haspopup="menu"
            aria-expanded={menu !== null}
            disabled={history.length === 0}
            title={history.length === 0 ? 'No recent connections' : 'Recent connections'}
            onClick={() => {
              const box = historyRef.current?.getBoundingClientRect();
              if (box) setMenu({ x: box.right - 260, y: box.bottom + 2 });
            }}
          >
            <History size={14} strokeWidth={1.75} aria-hidden />
            <ChevronDown size={10} strokeWidth={2} aria-hidden className="qc-caret" />
          </button>
        </div>
        {problem !== null && (
          <p id="qc-problem" className="qc-problem" role="alert">
            {problem}
          </p>
        )}
      </form>
      {menu && (
        <ContextMenu
          label="Recent connections"
          x={Math.max(4, menu.x)}
          y={menu.y}
          items={historyItems}
          onClose={(restore) => {
            setMenu(null);
            if (restore) historyRef.current?.focus();
          }}
        />
      )}
    </header>
  );
}

function shortMode(mode: TlsMode): string {
  switch (mode) {
    case 'explicit':
      return 'FTPES';
    case 'implicit':
      return 'FTPS';
    case 'explicit-if-available':
      return 'FTP, TLS if available';
    case 'plain':
      return 'plain FTP';
  }
}
