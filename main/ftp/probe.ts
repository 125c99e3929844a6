import type { WireError } from '../../shared/errors';
import { summarizeCertificate, trustNodeVerdict, type CertificateSummary, type NodeVerdict, type VerifyServer } from './certificate';
import { connectTcp } from './connect';
import { ControlConnection } from './control';
import { FtpError, fromSocketError } from './errors';
import { negotiateFeatures } from './features';
import type { LogListener } from './log';
import { login } from './login';
import { defaultPort, type SecurityPolicy } from './policy';
import type { Reply } from './reply';
import {
  clearCommandChannel,
  initialSecurityState,
  negotiateExplicitTls,
  negotiateProtection,
  startTlsAndVerify,
  type AskInsecure,
  type SecurityContext,
} from './security';

/** What `sluice probe` asks of a server; without `user` it stops before login. */
export interface ProbeOptions {
  readonly host: string;
  readonly port?: number;
  readonly user?: string;
  readonly password?: string;
  readonly account?: string;
  readonly policy: SecurityPolicy;
  readonly verifyServer?: VerifyServer;
  readonly askInsecure?: AskInsecure;
  readonly timeoutMs?: number;
  /** Also try PROT C (then PROT P again) after login. */
  readonly tryProtC?: boolean;
  /** Also try CCC after login (the control connection ends in clear). */
  readonly tryCcc?: boolean;
  readonly onLog?: LogListener;
}

/** One negotiation command and how the server took it. */
export interface ProbeStep {
  readonly command: string;
  readonly ok: boolean;
  readonly code: number;
  readonly text: string;
}

/** The peer certificate as the probe saw it. */
export interface ProbeCertificate extends CertificateSummary {
  readonly chainLength: number;
  readonly nodeVerdict: NodeVerdict;
}

/** A plain, JSON-able report of what a server offers and how negotiation went. */
export interface ProbeReport {
  readonly host: string;
  readonly port: number;
  readonly mode: SecurityPolicy['mode'];
  greeting?: { code: number; text: string };
  tls?: { version: string; cipher: string };
  certificate?: ProbeCertificate;
  features: string[];
  steps: ProbeStep[];
  loggedIn: boolean;
  error?: WireError;
}

const OK_STEP = (command: string, reply: Reply): boolean =>
  command.startsWith('AUTH') ? reply.code === 234 : reply.code >= 200 && reply.code < 300;

/** Connects like a session would (same security rules), records every step, and never throws. */
export async function probe(options: ProbeOptions): Promise<ProbeReport> {
  const port = options.port ?? defaultPort(options.policy.mode);
  const report: ProbeReport = { host: options.host, port, mode: options.policy.mode, features: [], steps: [], loggedIn: false };
  const step = (command: string, reply: Reply): void => {
    report.steps.push({ command, ok: OK_STEP(command, reply), code: reply.code, text: reply.text });
  };
  let control: ControlConnection | undefined;
  try {
    const timeoutMs = options.timeoutMs ?? 15_000;
    control = new ControlConnection(await connectTcp(options.host, port, timeoutMs), { replyTimeoutMs: timeoutMs, tlsShutdown: options.tryCcc === true });
    if (options.onLog !== undefined) control.onLog(options.onLog);
    const verify = options.verifyServer ?? trustNodeVerdict;
    const context: SecurityContext = {
      control,
      host: options.host,
      port,
      policy: options.policy,
      state: initialSecurityState(),
      onStep: step,
      ...(options.askInsecure === undefined ? {} : { askInsecure: options.askInsecure }),
      verifyServer: (check) => {
        const leaf = check.chain[0];
        if (leaf !== undefined) report.certificate = { ...summarizeCertificate(leaf), chainLength: check.chain.length, nodeVerdict: check.nodeVerdict };
        report.tls = { version: check.tlsVersion, cipher: check.cipher };
        return verify(check);
      },
    };
    await runProbe(context, options, report, step);
  } catch (error) {
    report.error = fromSocketError(error, 'protocol', 'connect').toJSON();
  } finally {
    control?.close();
  }
  return report;
}

async function runProbe(context: SecurityContext, options: ProbeOptions, report: ProbeReport, step: (command: string, reply: Reply) => void): Promise<void> {
  const { control, policy } = context;
  if (policy.mode === 'implicit') await startTlsAndVerify(context);
  const greeting = await control.readGreeting();
  report.greeting = { code: greeting.code, text: greeting.text };
  if (greeting.code >= 300) throw new FtpError('connection-failed', `Greeting ${greeting.code} ${greeting.text}`, 'connect', greeting.code);
  if (policy.mode === 'explicit' || policy.mode === 'explicit-if-available') await negotiateExplicitTls(context);
  if (control.tlsSocket !== undefined) await negotiateProtection(context, policy.mode === 'implicit');
  if (options.user !== undefined) {
    await login(control, { user: options.user, password: options.password, account: options.account });
    report.loggedIn = true;
  }
  const negotiated = await negotiateFeatures(control, 'auto');
  report.features = negotiated.featReply.lines.slice(1, -1).map((line) => line.trim());
  if (negotiated.utf8Reply !== undefined) step('OPTS UTF8 ON', negotiated.utf8Reply);
  if (options.tryProtC === true && control.tlsSocket !== undefined) {
    step('PROT C', await control.send('PROT', 'C'));
    await control.send('PROT', policy.dataProtection ?? 'P');
  }
  if (options.tryCcc === true && report.loggedIn && control.tlsSocket !== undefined) await clearCommandChannel(context);
  await control.send('QUIT', undefined, { timeoutMs: 5_000 }).catch(() => undefined);
}
