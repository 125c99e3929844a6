import type { ReactNode } from 'react';
import { TriangleAlert } from 'lucide-react';
import type { CertificateDetails, DistinguishedName } from '../../../shared/services/trust';
import { CopyButton } from '../dialogs/CopyButton';
import { describeKey, isWeakKey, isWeakSignature, validityFlag } from './reasons';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** One labelled value of a certificate; `flag` is a warning shown next to it. */
export function Field({ label, children, flag }: { label: string; children: ReactNode; flag?: string | null }) {
  return (
    <div className="cert-field">
      <dt>{label}</dt>
      <dd>
        {children}
        {flag && (
          <span className="cert-flag">
            <TriangleAlert size={12} strokeWidth={2} aria-hidden />
            {flag}
          </span>
        )}
      </dd>
    </div>
  );
}

function NameFields({ name }: { name: DistinguishedName }) {
  const rows: [string, string | undefined][] = [
    ['Common name', name.commonName],
    ['Organization', name.organization],
    ['Unit', name.organizationalUnit],
    ['Locality', name.locality],
    ['State', name.state],
    ['Country', name.country],
    ['Email', name.email],
  ];
  const present = rows.filter((row): row is [string, string] => !!row[1]);
  if (present.length === 0) return <Field label="Name">{name.text || '—'}</Field>;
  return (
    <>
      {present.map(([label, value]) => (
        <Field key={label} label={label}>
          {value}
        </Field>
      ))}
    </>
  );
}

/** A fingerprint in a monospace block with its copy button. */
export function Fingerprint({ label, value }: { label: string; value: string }) {
  return (
    <div className="cert-field cert-fingerprint">
      <dt>{label}</dt>
      <dd>
        <code aria-label={`${label} fingerprint`}>{value}</code>
        <CopyButton text={value} label={`Copy ${label}`} />
      </dd>
    </div>
  );
}

/** Everything about one certificate, grouped as FileZilla and browsers show it. */
export function CertificateFields({ details }: { details: CertificateDetails }) {
  const validity = validityFlag(details);
  return (
    <div className="cert-sections">
      <section className="cert-section" aria-label="Subject">
        <h3>Subject</h3>
        <dl>
          <NameFields name={details.subject} />
          {details.subjectAltNames.length > 0 && (
            <Field label="Alternative names">
              {details.subjectAltNames.map((name) => (
                <span key={name} className="cert-san">
                  {name}
                </span>
              ))}
            </Field>
          )}
        </dl>
      </section>
      <section className="cert-section" aria-label="Issuer">
        <h3>Issuer</h3>
        <dl>
          <NameFields name={details.issuer} />
          {details.selfSigned && <Field label="Note">Self-signed</Field>}
        </dl>
      </section>
      <section className="cert-section" aria-label="Validity">
        <h3>Validity</h3>
        <dl>
          <Field label="Valid from" flag={validity === 'not-yet-valid' ? 'Not yet valid!' : null}>
            {dateTime.format(details.validFrom)}
          </Field>
          <Field label="Valid until" flag={validity === 'expired' ? 'Expired!' : null}>
            {dateTime.format(details.validTo)}
          </Field>
        </dl>
      </section>
      <section className="cert-section" aria-label="Key and signature">
        <h3>Key and signature</h3>
        <dl>
          <Field label="Public key" flag={isWeakKey(details) ? 'Weak key' : null}>
            {describeKey(details)}
          </Field>
          <Field label="Signature" flag={isWeakSignature(details.signatureAlgorithm) ? 'Weak algorithm' : null}>
            {details.signatureAlgorithm}
          </Field>
          <Field label="Serial number">
            <code>{details.serialNumber}</code>
          </Field>
        </dl>
      </section>
      <section className="cert-section cert-section-wide" aria-label="Fingerprints">
        <h3>Fingerprints</h3>
        <dl>
          <Fingerprint label="SHA-256" value={details.sha256} />
          <Fingerprint label="SHA-1" value={details.sha1} />
        </dl>
      </section>
    </div>
  );
}
