import { ShieldAlert, ShieldCheck } from 'lucide-react';
import type { CertificateInfo } from '../../../shared/services/trust';
import { Dialog } from '../dialogs/Dialog';
import { CertificateChain } from './CertificateChain';
import { reasonSentence } from './reasons';

/** How the certificate viewer describes the trust already given to a connected server. */
const TRUST_WORDS = {
  verified: 'Trusted: the chain verifies to a trusted authority and the name matches.',
  pinned: 'Trusted because you chose “Always trust” for this server.',
  once: 'Trusted for this connection only.',
} as const;

type CertificateDialogProps =
  | {
      readonly mode: 'decide';
      readonly info: CertificateInfo;
      readonly onAnswer: (decision: 'trust-once' | 'trust-always' | 'reject') => void;
    }
  | {
      readonly mode: 'view';
      readonly info: CertificateInfo;
      readonly trust: keyof typeof TRUST_WORDS;
      readonly onClose: () => void;
    };

/**
 * The unknown-certificate dialog (FileZilla/WinSCP class), and the same component read-only
 * as the certificate viewer of a connected session. Escape cancels: the engine then
 * closes the connection before anything else, the password included, is sent.
 */
export function CertificateDialog(props: CertificateDialogProps) {
  const { info } = props;
  const cancel = props.mode === 'decide' ? () => props.onAnswer('reject') : props.onClose;
  const untrusted = info.reasons.length > 0;
  const title = props.mode === 'decide' ? 'Unknown certificate' : 'Server certificate';
  const Icon = untrusted ? ShieldAlert : ShieldCheck;
  return (
    <Dialog
      title={title}
      onCancel={cancel}
      className="dialog-wide dialog-certificate"
      icon={<Icon size={18} strokeWidth={1.75} aria-hidden className={untrusted ? 'title-icon-warning' : 'title-icon-ok'} />}
      description={
        <>
          <p className="cert-lead">
            {props.mode === 'decide' ? 'The server ' : 'Connected to '}
            <strong className={info.reasons.includes('name-mismatch') ? 'cert-host-mismatch' : undefined}>
              {info.host}:{info.port}
            </strong>
            {props.mode === 'decide' ? ' presented a certificate that is not trusted:' : ''}
          </p>
          {untrusted && (
            <ul className="cert-reasons" aria-label="Why the certificate is not trusted">
              {info.reasons.map((reason) => (
                <li key={reason}>{reasonSentence(reason, info)}</li>
              ))}
            </ul>
          )}
          {props.mode === 'view' && <p className="cert-trust">{TRUST_WORDS[props.trust]}</p>}
        </>
      }
    >
      <CertificateChain info={info} />
      <dl className="cert-connection" aria-label="Connection">
        <div className="cert-field">
          <dt>Protocol</dt>
          <dd>{info.tlsVersion}</dd>
        </div>
        <div className="cert-field">
          <dt>Cipher</dt>
          <dd>{info.cipher}</dd>
        </div>
      </dl>
      {props.mode === 'decide' ? (
        <>
          <p className="cert-advice">
            Only trust this certificate if you can confirm its SHA-256 fingerprint with the server's administrator.
            Nothing else, your password included, is sent until you decide.
          </p>
          <div className="dialog-buttons">
            <button type="button" className="button" onClick={() => props.onAnswer('reject')}>
              Cancel
            </button>
            <button type="button" className="button" onClick={() => props.onAnswer('trust-once')}>
              Trust once
            </button>
            {/* No default button: Enter pressed out of habit must not trust anything. */}
            <button type="button" className="button button-primary" onClick={() => props.onAnswer('trust-always')}>
              Always trust
            </button>
          </div>
        </>
      ) : (
        <div className="dialog-buttons">
          <button type="button" data-autofocus className="button button-primary" onClick={props.onClose}>
            Close
          </button>
        </div>
      )}
    </Dialog>
  );
}
