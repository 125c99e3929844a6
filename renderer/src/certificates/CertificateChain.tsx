import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { CertificateInfo } from '../../../shared/services/trust';
import { CertificateFields } from './CertificateFields';
import { chainRole } from './reasons';

/**
 * The chain selector (server, intermediates, root) as ARIA tabs, and the selected
 * certificate's fields below it.
 */
export function CertificateChain({ info }: { info: CertificateInfo }) {
  const [index, setIndex] = useState(0);
  const baseId = useId();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const details = info.chain[index] ?? info.chain[0];

  function onKeyDown(event: KeyboardEvent) {
    const moves: Record<string, number> = { ArrowLeft: index - 1, ArrowRight: index + 1, Home: 0, End: info.chain.length - 1 };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = (to + info.chain.length) % info.chain.length;
    setIndex(next);
    tabs.current[next]?.focus();
  }

  if (!details) return <p className="empty-text">The server sent no certificate.</p>;
  return (
    <div className="cert-chain">
      <div role="tablist" aria-label="Certificate chain" className="chain-tabs" onKeyDown={onKeyDown}>
        {info.chain.map((certificate, at) => (
          <button
            key={certificate.sha256}
            ref={(element) => {
              tabs.current[at] = element;
            }}
            type="button"
            role="tab"
            id={`${baseId}-tab-${at}`}
            aria-selected={at === index}
            aria-controls={`${baseId}-panel`}
            tabIndex={at === index ? 0 : -1}
            className="chain-tab"
            onClick={() => setIndex(at)}
          >
            <span className="chain-role">{chainRole(at, info.chain.length)}</span>
            <span className="chain-name">{certificate.subject.commonName ?? certificate.subject.text.split('\n')[0]}</span>
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${baseId}-panel`} aria-labelledby={`${baseId}-tab-${index}`} className="chain-panel">
        <CertificateFields details={details} />
      </div>
    </div>
  );
}
