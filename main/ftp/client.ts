import { connectTcp } from './connect';
import { trustNodeVerdict, type VerifyServer } from './certificate';
import { expectReply, modificationTimeOf, printWorkingDirectory, setModificationTime, sizeOf } from './commands';
import { ControlConnection, type SendOptions } from './control';
import { initialDataMemory, type DataMemory, type DataOptions, type DataStats } from './data';
import { downloadFile, type DownloadFileOptions, type DownloadFileResult, type FileTransferSession } from './download-file';
import { FtpError, fromSocketError, type FtpPhase } from './errors';
import { negotiateFeatures, type CharsetSetting, type FeatureMap } from './features';
import { listDirectory, statEntry, type Listing, type ListOptions } from './list';
import type { RemoteEntry } from './listing/index';
import { ProtocolLog, type LogListener } from './log';
import { login } from './login';
import { initialModificationTimeMemory, setRemoteModificationTime, type ModificationTimeMemory } from './modification-time';
import { defaultPort, type SecurityPolicy } from './policy';
import type { Reply, ReplyLimits } from './reply';
import {
  clearCommandChannel,
  initialSecurityState,
  negotiateExplicitTls,
  negotiateProtection,
  reinitialize,
  startTlsAndVerify,
  type AskInsecure,
  type SecurityContext,
} from './security';
import { OperationLock } from '../operation-lock';
import { downloadTo, uploadFrom, type DownloadStreamOptions, type TransferResult, type UploadStreamOptions } from './transfer';
import { uploadFile, type UploadFileOptions, type UploadFileResult } from './upload-file';
import { assertChmodMode, parsePathReply } from './values';
import type { Readable, Writable } from 'node:stream';

/** Timeouts of a session, in milliseconds (0: none). */
export interface Timeouts {
  readonly connectMs?: number;
  readonly replyMs?: number;
  readonly tlsMs?: number;
}

/** Everything needed to open a session; only host and user are required. */
export interface ConnectOptions {
  readonly host: string;
  /** Defaults to 21, or 990 for implicit FTPS. */
  readonly port?: number;
  readonly user: string;
  readonly password?: string;
  readonly account?: string;
  /** Defaults to explicit TLS, required. */
  readonly policy?: SecurityPolicy;
  readonly charset?: CharsetSetting;
  readonly timeouts?: Timeouts;
  readonly limits?: Partial<ReplyLimits>;
  /** Decides on the server certificate; without one, only what Node trusts is trusted. */
  readonly verifyServer?: VerifyServer;
  /** Asked before going on in clear under 'explicit-if-available'; without one, the answer is no. */
  readonly askInsecure?: AskInsecure;
  /** Idle time before a NOOP keeps the session alive (0 or absent: off). */
  readonly keepaliveMs?: number;
  /** Keep the way open to leave TLS later (REIN); implied by the policy's CCC. Costs CPU per command. */
  readonly tlsShutdown?: boolean;
  /** Passive or active data connections, their timeouts, and whether session reuse is required. */
  readonly data?: DataOptions;
  /** Caps of folder listings (rule 19). */
  readonly listing?: Pick<ListOptions, 'maxListingBytes' | 'maxEntries'>;
}

const DEFAULT_REPLY_TIMEOUT_MS = 30_000;

// Commands that change TLS or need a data connection have their own operations; sent raw they would desync the engine.
const NOT_RAW = new Set(['AUTH', 'ADAT', 'CCC', 'CONF', 'ENC', 'MIC', 'PBSZ', 'PROT', 'REIN', 'PASV', 'EPSV', 'PORT', 'EPRT', 'LIST', 'NLST', 'MLSD', 'RETR', 'STOR', 'STOU', 'APPE']);

/** A high-level FTP/FTPS session: connect and log in under a security policy, then one method per operation. */
export class FtpClient {
  private readonly log = new ProtocolLog();
  private control: ControlConnection | undefined;
  private context: SecurityContext | undefined;
  private options: ConnectOptions | undefined;
  private transferType: 'A' | 'I' | undefined;
  private featureMap: FeatureMap = new Map();
  private greetingReply: Reply | undefined;
  private dataMemory: DataMemory = initialDataMemory();
  private timeMemory: ModificationTimeMemory = initialModificationTimeMemory();
  private readonly lock = new OperationLock();

  /** Adds a protocol-log listener (works before connect); returns the function that removes it. */
  onLog(listener: LogListener): () => void {
    return this.log.on(listener);
  }

  /** The features from FEAT. */
  get features(): FeatureMap {
    return this.featureMap;
  }

  /** The server's greeting. */
  get greeting(): Reply | undefined {
    return this.greetingReply;
  }

  /** True while the control connection runs over TLS. */
  get controlProtected(): boolean {
    return this.control?.tlsSocket !== undefined;
  }

  /** The newest TLS session of the control connection, for data connections to resume. */
  latestSession(): Buffer | undefined {
    return this.context?.state.session;
  }

  /** The control connection's server certificate (DER); data connections must present the same bytes. */
  peerCertificate(): Buffer | undefined {
    return this.context?.state.peerCertificate;
  }

  /** TLS version, cipher and PROT level of the session, when TLS was negotiated. */
  tlsInfo(): { version: string; cipher: string; dataProtection?: 'P' | 'C' } | undefined {
    const state = this.context?.state;
    if (state?.tlsVersion === undefined || state.cipher === undefined) return undefined;
    return state.dataProtection === undefined
      ? { version: state.tlsVersion, cipher: state.cipher }
      : { version: state.tlsVersion, cipher: state.cipher, dataProtection: state.dataProtection };
  }

  /** How many data connections this session opened, how many resumed the control TLS session, and how many went out together with EPSV. */
  dataConnectionStats(): DataStats {
    return { ...this.dataMemory.stats };
  }

  /** Connects, negotiates security per the policy and logs in; any failure closes the session. */
  async connect(options: ConnectOptions): Promise<Reply> {
    if (this.control !== undefined && this.control.closedBy === undefined) {
      throw new FtpError('invalid-argument', 'This client is already connected', 'connect');
    }
    const policy = options.policy ?? { mode: 'explicit' };
    const port = options.port ?? defaultPort(policy.mode);
    if (options.host === '' || /[\s\0]/.test(options.host) || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw new FtpError('invalid-argument', `Not a valid server address: ${JSON.stringify(options.host)}:${port}`, 'connect');
    }
    this.options = { ...options, policy };
    this.transferType = undefined;
    // A server that failed commands sent together fails them again after a reconnect.
    this.dataMemory = { ...initialDataMemory(), ...(this.dataMemory.pipeline === 'off' ? { pipeline: 'off' as const } : {}) };
    this.timeMemory = initialModificationTimeMemory();
    const timeouts = options.timeouts ?? {};
    const raw = await connectTcp(options.host, port, timeouts.connectMs ?? 15_000);
    const control = new ControlConnection(raw, {
      tlsShutdown: options.tlsShutdown === true || policy.clearCommandChannel === true,
      ...(timeouts.replyMs === undefined ? {} : { replyTimeoutMs: timeouts.replyMs }),
      ...(timeouts.tlsMs === undefined ? {} : { tlsTimeoutMs: timeouts.tlsMs }),
      ...(options.limits === undefined ? {} : { limits: options.limits }),
    });
    control.onLog((entry) => this.log.publish(entry));
    // Until TLS is up and the login done, a command sent by another caller must wait (rule 6).
    control.beginSecuring();
    this.control = control;
    this.context = {
      control,
      host: options.host,
      port,
      policy,
      verifyServer: options.verifyServer ?? trustNodeVerdict,
      ...(options.askInsecure === undefined ? {} : { askInsecure: options.askInsecure }),
      state: initialSecurityState(),
    };
    return this.guard(() => this.establish(true), 'connect');
  }

  /** REIN: the server logs us out and drops TLS; the session is negotiated and logged in again, back in the same folder. */
  async reinitialize(): Promise<Reply> {
    const context = this.requireContext();
    const { control } = context;
    return this.lock.run(async () => {
      // From here until the session is secured and logged in again, only negotiation commands go out (rule 6).
      control.beginSecuring();
      try {
        const directory = await printWorkingDirectory(control, { securing: true }).catch(() => undefined);
        await reinitialize(context);
        control.beginSecuring();
        const reply = await this.guard(() => this.establish(false), 'auth');
        if (directory !== undefined) await expectReply(control, 'CWD', directory, [200, 250], `CWD ${directory}`, { securing: true });
        return reply;
      } finally {
        control.endSecuring();
      }
    });
  }

  private async establish(fresh: boolean): Promise<Reply> {
    const context = this.requireContext();
    const { control, policy } = context;
    const options = this.options as ConnectOptions;
    if (policy.mode === 'implicit') await startTlsAndVerify(context);
    if (fresh) {
      const greeting = await control.readGreeting();
      this.greetingReply = greeting;
      // Any 2xx greeting (even 230 "already logged in", curl CVE-2021-22946) goes on to TLS and login as usual.
      if (greeting.code >= 300) {
        throw new FtpError('connection-failed', `The server refused the connection: ${greeting.code} ${greeting.text}`, 'connect', greeting.code);
      }
    }
    if (policy.mode === 'explicit' || policy.mode === 'explicit-if-available') await negotiateExplicitTls(context);
    if (policy.mode === 'plain') control.note('info', 'Plain FTP: the password and all data travel unencrypted');
    if (control.tlsSocket !== undefined) await negotiateProtection(context, policy.mode === 'implicit');
    const reply = await login(control, { user: options.user, password: options.password, account: options.account });
    // AUTH and REIN reset the server's state (RFC 4217 §4): TYPE is set again.
    const negotiated = await negotiateFeatures(control, options.charset ?? 'auto');
    this.featureMap = negotiated.features;
    if (this.transferType !== undefined) await expectReply(control, 'TYPE', this.transferType, [200], `TYPE ${this.transferType}`, { securing: true });
    if (policy.clearCommandChannel === true && control.tlsSocket !== undefined) await clearCommandChannel(context);
    control.setKeepalive(options.keepaliveMs ?? 0);
    if (fresh) control.endSecuring();
    return reply;
  }

  /** Runs a step that leaves the session unusable if it fails: the error closes the session. */
  private async guard<T>(step: () => Promise<T>, phase: FtpPhase): Promise<T> {
    const control = this.requireControl();
    try {
      return await step();
    } catch (error) {
      throw control.fail(fromSocketError(error, 'protocol', phase));
    }
  }

  private requireControl(): ControlConnection {
    if (this.control === undefined) throw new FtpError('closed', 'Not connected', 'command');
    return this.control;
  }

  private requireContext(): SecurityContext {
    this.requireControl();
    return this.context as SecurityContext;
  }

  /** One command as one operation of the session (see OperationLock). */
  private expect(command: string, arg: string | undefined, codes: readonly number[], what: string, options?: SendOptions): Promise<Reply> {
    const control = this.requireControl();
    return this.lock.run(() => expectReply(control, command, arg, codes, what, options));
  }

  /** Runs a multi-command operation with nothing of another caller's in between. */
  private exclusive<T>(operation: (control: ControlConnection) => Promise<T>): Promise<T> {
    const control = this.requireControl();
    return this.lock.run(() => operation(control));
  }

  /** The current remote folder (PWD). */
  async pwd(): Promise<string> {
    return this.exclusive((control) => printWorkingDirectory(control));
  }

  /** Changes the remote folder (CWD). */
  async cwd(path: string): Promise<void> {
    await this.expect('CWD', path, [200, 250], `CWD ${path}`);
  }

  /** Goes to the parent folder (CDUP). */
  async cdup(): Promise<void> {
    await this.expect('CDUP', undefined, [200, 250], 'CDUP');
  }

  /** Creates a folder (MKD); resolves with the path the server reports, or the one given. */
  async mkdir(path: string): Promise<string> {
    const reply = await this.expect('MKD', path, [250, 257], `MKD ${path}`);
    return parsePathReply(reply.text) ?? path;
  }

  /** Removes an empty folder (RMD). */
  async rmdir(path: string): Promise<void> {
    await this.expect('RMD', path, [200, 250], `RMD ${path}`);
  }

  /** Deletes a file (DELE). */
  async delete(path: string): Promise<void> {
    await this.expect('DELE', path, [200, 250], `DELE ${path}`);
  }

  /** Renames or moves (RNFR, RNTO). */
  async rename(from: string, to: string): Promise<void> {
    await this.exclusive(async (control) => {
      await expectReply(control, 'RNFR', from, [350], `RNFR ${from}`);
      await expectReply(control, 'RNTO', to, [200, 250], `RNTO ${to}`);
    });
  }

  /** Changes permissions with SITE CHMOD; `mode` is octal digits such as "644". */
  async chmod(path: string, mode: string): Promise<void> {
    assertChmodMode(mode);
    await this.expect('SITE', `CHMOD ${mode} ${path}`, [200, 250], `SITE CHMOD ${path}`);
  }

  /** A file's size in bytes (SIZE, in the current TYPE). */
  async size(path: string): Promise<number> {
    return this.exclusive((control) => sizeOf(control, path));
  }

  /** A file's modification time (MDTM, UTC). */
  async mdtm(path: string): Promise<Date> {
    return this.exclusive((control) => modificationTimeOf(control, path));
  }

  /** Sets a file's modification time (MFMT, whole seconds, UTC). */
  async mfmt(path: string, time: Date): Promise<void> {
    await this.exclusive((control) => setModificationTime(control, path, time));
  }

  /** Server status, or a path's status over the control connection (STAT). */
  async stat(path?: string): Promise<Reply> {
    return this.expect('STAT', path, [211, 212, 213], 'STAT');
  }

  /** The server's system type (SYST). */
  async syst(): Promise<string> {
    return (await this.expect('SYST', undefined, [215], 'SYST')).text;
  }

  /** The server's help text (HELP). */
  async help(topic?: string): Promise<string> {
    return (await this.expect('HELP', topic, [211, 214], 'HELP')).text;
  }

  /** NOOP. */
  async noop(): Promise<void> {
    await this.expect('NOOP', undefined, [200], 'NOOP');
  }

  /** Sets the transfer type (TYPE A or I); remembered and set again after REIN. */
  async type(type: 'A' | 'I'): Promise<void> {
    await this.exclusive((control) => this.ensureType(control, type, true));
  }

  /** Sends TYPE only when another type is in force (or `always`): no round trip per transfer. */
  private async ensureType(control: ControlConnection, type: 'A' | 'I', always = false): Promise<void> {
    if (!always && this.transferType === type) return;
    await expectReply(control, 'TYPE', type, [200], `TYPE ${type}`);
    this.transferType = type;
  }

  /** Lists a folder (MLSD when FEAT offers MLST, else LIST); unsafe names are flagged, caps enforced. */
  async list(path?: string, options: ListOptions = {}): Promise<Listing> {
    return this.exclusive((control) =>
      listDirectory(this.fileSession(control), this.featureMap.has('MLST'), path, { ...this.options?.listing, ...options }),
    );
  }

  /** One path's facts (MLST) over the control connection; needs MLST in FEAT. */
  async mlst(path: string): Promise<RemoteEntry> {
    if (!this.featureMap.has('MLST')) throw new FtpError('command-failed', 'The server does not offer MLST', 'command');
    return this.exclusive((control) => statEntry(control, path));
  }

  /** Downloads a remote file into a local one through a temporary name (rules 17, 18); resumes, verifies, keeps the time. */
  async download(remotePath: string, localPath: string, options: DownloadFileOptions = {}): Promise<DownloadFileResult> {
    return this.exclusive((control) => downloadFile(this.fileSession(control), remotePath, localPath, options));
  }

  /** Uploads a local file; resumes (REST+STOR or APPE), verifies with SIZE and sets the time with MFMT or SITE UTIME when offered. */
  async upload(localPath: string, remotePath: string, options: UploadFileOptions = {}): Promise<UploadFileResult> {
    return this.exclusive((control) => uploadFile(this.fileSession(control), localPath, remotePath, options));
  }

  /** Downloads a remote file into any writable, with backpressure. */
  async downloadTo(remotePath: string, sink: Writable, options: DownloadStreamOptions = {}): Promise<TransferResult> {
    return this.exclusive((control) => downloadTo(this.fileSession(control), remotePath, sink, options));
  }

  /** Uploads any readable to a remote file (STOR, APPE or STOU), with backpressure. */
  async uploadFrom(source: Readable, remotePath: string, options: UploadStreamOptions = {}): Promise<TransferResult> {
    return this.exclusive((control) => uploadFrom(this.fileSession(control), source, remotePath, options));
  }

  /** What transfers need of this session; its remote commands run inside the operation already holding the lock. */
  private fileSession(control: ControlConnection): FileTransferSession {
    const context = this.requireContext();
    const options = this.options as ConnectOptions;
    return {
      control,
      host: context.host,
      policy: context.policy,
      state: context.state,
      options: options.data ?? {},
      memory: this.dataMemory,
      replyTimeoutMs: options.timeouts?.replyMs ?? DEFAULT_REPLY_TIMEOUT_MS,
      features: this.featureMap,
      ensureType: (type) => this.ensureType(control, type),
      size: (path) => sizeOf(control, path),
      mdtm: (path) => modificationTimeOf(control, path),
      // Uploads keep their time by MFMT, else SITE UTIME; the session remembers which form works.
      setModificationTime: async (path, time) => {
        await setRemoteModificationTime({ control, features: this.featureMap, memory: this.timeMemory }, path, time);
      },
    };
  }

  /** Sends a command line as typed by a power user; resolves with the reply whatever its code. */
  async raw(line: string): Promise<Reply> {
    const trimmed = line.replace(/^ +/, '');
    const space = trimmed.indexOf(' ');
    const verb = space === -1 ? trimmed : trimmed.slice(0, space);
    if (NOT_RAW.has(verb.toUpperCase())) {
      throw new FtpError('invalid-argument', `${verb.toUpperCase()} changes TLS or needs a data connection; use its operation instead`, 'command');
    }
    return this.requireControl().send(verb, space === -1 ? undefined : trimmed.slice(space + 1));
  }

  /** Says goodbye (QUIT) and closes; never fails for a session that is already gone. */
  async quit(): Promise<void> {
    const control = this.control;
    if (control === undefined || control.closedBy !== undefined) return;
    await control.send('QUIT', undefined, { timeoutMs: 5_000 }).catch(() => undefined);
    control.close();
  }

  /** Closes the connection at once, without QUIT. */
  close(): void {
    this.control?.close();
  }
}
