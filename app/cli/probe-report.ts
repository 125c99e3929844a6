import type { ProbeReport } from '../../main/ftp/probe';

const modeText = {
  explicit: 'explicit TLS, required',
  implicit: 'implicit TLS',
  'explicit-if-available': 'explicit TLS if available',
  plain: 'plain FTP, no encryption',
} as const;

/** `sluice probe`'s human-readable report: what a person needs to diagnose a connection. */
export function formatProbeReport(report: ProbeReport, trustedBy: string | undefined): string {
  const lines: string[] = [];
  const row = (label: string, value: string) => lines.push(`${label.padEnd(12)}${value}`);
  row('Server', `${report.host}:${report.port} (${modeText[report.mode]})`);
  if (report.greeting) row('Greeting', `${report.greeting.code} ${report.greeting.text}`);
  row('TLS', report.tls ? `${report.tls.version}, ${report.tls.cipher}` : 'none — everything travels in clear');
  const cert = report.certificate;
  if (cert) {
    lines.push('Certificate');
    row('  Subject', cert.subject.replaceAll('\n', ', '));
    row('  Issuer', cert.issuer.replaceAll('\n', ', '));
    if (cert.subjectAltName) row('  Names', cert.subjectAltName);
    row('  Valid', `${cert.validFrom} → ${cert.validTo}`);
    row('  SHA-256', cert.sha256);
    row('  Trusted', cert.nodeVerdict.authorized ? 'yes (chain and host name verified)' : `${trustedBy ?? 'no'} — ${cert.nodeVerdict.error ?? 'not verified'}`);
  }
  if (report.steps.length) {
    lines.push('Negotiation');
    const width = Math.max(...report.steps.map((step) => step.command.length));
    for (const step of report.steps) lines.push(`  ${step.ok ? 'ok  ' : 'FAIL'} ${step.command.padEnd(width)}  ${step.code} ${step.text.split('\n')[0]}`);
  }
  row('Features', report.features.length ? report.features.join(', ') : '(none announced)');
  row('Logged in', report.loggedIn ? 'yes' : 'no');
  if (report.error) row('Error', `${report.error.message} [${report.error.kind}${report.error.code ? ` ${report.error.code}` : ''}]`);
  return `${lines.join('\n')}\n`;
}
