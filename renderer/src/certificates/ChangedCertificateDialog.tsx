import { TriangleAlert } from 'lucide-react';
import type { ChangedCertificateRequest } from '../../../shared/services/prompts';
import type { CertificateDetails } from '../../../shared/services/trust';
import { Dialog } from '../dialogs/Dialog';
import { CertificateChain } from './CertificateChain';
import { Fingerprint } from './CertificateFields';
import { reasonSentence } from './reasons';

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

function issuerOf(details: CertificateDetails): string {
  return details.issuer.commonName ?? details.issuer.text.split('\n')[0] ?? '—';
}

/** One side of the comparison: the certificate you trusted, or the one presented now. */
function Side({ heading, details, seen }: { heading: string; details: CertificateDetails; seen?: string }) {
  return (
    <section className="cert-compare-side" aria-label={heading}>
      <h3>{heading}</h3>
      <dl>
        <Fingerprint label="SHA-256" value={details.sha256} />
        <div className="cert-field">
          <dt>Issuer</dt>
          <dd>{issuerOf(details)}</dd>
        </div>
        <div className="cert-field">
          <dt>Valid</dt>
          <dd>
            {day.format(details.validFrom)} – {day.format(details.validTo)}
          </dd>
        </div>
        {seen && (
          <div className="cert-field">
            <dt>Trusted</dt>
            <dd>{seen}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

/**
 * A pinned server now shows a different certificate (security rule 9): a louder warning
 * than an unknown one, both certificates side by side, and Cancel as the default button
 * so that Enter pressed out of habit keeps the connection closed.
 */
export function ChangedCertificateDialog({
  request,
  onAnswer,
}: {
  request: ChangedCertificateRequest;
  onAnswer: (decision: 'trust-once' | 'trust-always' | 'reject') => void;
}) {
  const { certificate, previous, samePublicKey } = request;
  const current = certificate.chain[0];
  return (
    <Dialog
      role="alertdialog"
      title="The server's certificate has changed"
      onCancel={() => onAnswer('reject')}
      className="dialog-wide dialog-warning"
      icon={<TriangleAlert size={20} strokeWidth={2} aria-hidden className="title-icon-danger" />}
      description={
        <>
          <p className="cert-lead">
            You chose to always trust the certificate of <strong>{certificate.host}:{certificate.port}</strong>, but the server now
            presents a different one. Someone may be intercepting the connection.
          </p>
          <p className="cert-key-verdict">
            <strong>Same public key: {samePublicKey ? 'yes' : 'no'}.</strong>{' '}
            {samePublicKey
              ? 'The new certificate carries the key you trusted, which is what a routine renewal looks like. Still confirm it with the administrator if you did not expect it.'
              : 'The new certificate has a different key. That happens when a server is reinstalled — or when someone else is answering. Do not continue unless the administrator confirms the new fingerprint.'}
          </p>
        </>
      }
    >
      <div className="cert-compare">
        <Side heading="Trusted before" details={previous.details} seen={`since ${day.format(previous.firstSeen)}`} />
        {current && <Side heading="Presented now" details={current} />}
      </div>
      {certificate.reasons.length > 0 && (
        <ul className="cert-reasons" aria-label="Other problems with the new certificate">
          {certificate.reasons.map((reason) => (
            <li key={reason}>{reasonSentence(reason, certificate)}</li>
          ))}
        </ul>
      )}
      <details className="cert-more">
        <summary>All details of the new certificate</summary>
        <CertificateChain info={certificate} />
      </details>
      <div className="dialog-buttons">
        <button type="button" className="button" onClick={() => onAnswer('trust-always')}>
          Always trust new certificate
        </button>
        <button type="button" className="button" onClick={() => onAnswer('trust-once')}>
          Trust new certificate once
        </button>
        <button type="button" data-autofocus className="button button-primary" onClick={() => onAnswer('reject')}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
