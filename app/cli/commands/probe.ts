import { parseArgs } from 'node:util';
import { probe } from '../../../main/ftp/probe';
import type { CliCommand } from '../command';
import { parseFtpUrl } from '../ftp-url';
import { credentialsFor } from '../password';
import { formatProbeReport } from '../probe-report';
import { askOnTerminal } from '../prompt';
import { dataDirOf, minVersionOf, readCaFiles, readClientCertificate, tlsFlagOptions, tlsFlagsUsage } from '../tls-flags';
import { cliVerifier, normalizeFingerprint, openTrust } from '../trust';

/** `sluice probe URL`: a connection doctor. */
export const probeCommand: CliCommand = {
  name: 'probe',
  summary: 'connect to a server and report its greeting, TLS, certificate and features',
  usage: `Usage: sluice probe URL [options]

Connects as a session would — same security rules — and reports the greeting, FEAT, the
TLS version and cipher, the certificate, and how AUTH, PBSZ, PROT, CCC and OPTS UTF8 went.
URL schemes: ftpes:// (explicit TLS, required), ftps:// (implicit TLS, port 990),
ftp:// (no encryption: your password travels in clear).
A user in the URL logs in: the password comes from the URL, SLUICE_PASSWORD or a prompt.

Options:
  --json                print the report as JSON
  --prot-c              also try PROT C (clear data connections)
  --ccc                 also try CCC after login (clear command channel)
  --timeout SECONDS     per-step timeout (default 15)
${tlsFlagsUsage}`,

  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { ...tlsFlagOptions, json: { type: 'boolean' }, 'prot-c': { type: 'boolean' }, ccc: { type: 'boolean' }, timeout: { type: 'string' } },
    });
    if (positionals.length !== 1) throw new Error('probe takes exactly one URL, e.g. sluice probe ftpes://user@host');
    const url = parseFtpUrl(positionals[0]!);
    if (url.mode === 'plain') io.err('Warning: ftp:// is not encrypted — your password and files travel in clear. Use ftpes:// or ftps:// if the server supports TLS.\n');
    const timeoutSeconds = Number(values.timeout ?? 15);
    if (!(timeoutSeconds > 0)) throw new Error(`--timeout takes a number of seconds, not ${values.timeout}`);
    const pins = (values.trust ?? []).map(normalizeFingerprint);
    const credentials = url.user === undefined ? undefined : await credentialsFor(url, io, askOnTerminal);
    const clientCertificate = readClientCertificate(values['client-cert'], values['client-key'], io.env);
    const minVersion = minVersionOf(values['tls-min']);
    const extraCa = readCaFiles(values.ca);
    const trust = openTrust(dataDirOf(values['data-dir'], io.env), extraCa, io.err);
    const verifier = cliVerifier({ trust, pins, isTty: io.isTty, ask: askOnTerminal });

    const report = await probe({
      host: url.host,
      port: url.port,
      ...(credentials ? { user: credentials.user, password: credentials.password } : {}),
      policy: {
        mode: url.mode,
        extraCa,
        ...(minVersion ? { minVersion } : {}),
        ...(clientCertificate ? { clientCertificate } : {}),
      },
      verifyServer: verifier.verify,
      timeoutMs: timeoutSeconds * 1000,
      tryProtC: values['prot-c'] === true,
      tryCcc: values.ccc === true,
    });

    io.out(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatProbeReport(report, verifier.trustedBy()));
    const distrust = verifier.distrust();
    if (distrust) {
      io.err(
        `sluice: the server's certificate is not trusted (${distrust.reason}). Its SHA-256 fingerprint is ${distrust.fingerprint}; ` +
          `if you know it is right, run again with --trust ${distrust.fingerprint} (or --ca FILE with the issuing CA).\n`,
      );
    } else if (report.error) {
      io.err(`sluice: ${report.error.message}\n`);
    }
    return report.error ? 1 : 0;
  },
};
