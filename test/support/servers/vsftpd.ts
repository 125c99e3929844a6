// vsftpd 3.0.3 (Debian). Virtual user: vsftpd authenticates through PAM only, so each run
// writes its own PAM service /etc/pam.d/sluice-vsftpd-<id> using pam_pwdfile with a
// per-run passwd file, and maps the login onto the `account` system user (guest_enable).
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pinTlsVersionEnv } from './openssl-conf';
import type { LaunchPlan, ServerContext, ServerDriver } from './plan';

const yn = (b: boolean) => (b ? 'YES' : 'NO');

export const vsftpd: ServerDriver = {
  kind: 'vsftpd',
  async prepare(ctx: ServerContext): Promise<LaunchPlan> {
    const { dir, opts, certs } = ctx;
    // Linux-PAM lowercases service names, so the id must be lowercase to find the file.
    const pamService = `sluice-vsftpd-${randomBytes(6).toString('hex')}`;
    const pamFile = path.join('/etc/pam.d', pamService);
    const pwdFile = path.join(dir, 'vsftpd.passwd');
    const log = path.join(dir, 'vsftpd.log');
    // secure_chroot_dir must be empty, root-owned and not writable: make our own.
    const empty = path.join(dir, 'empty');
    await mkdir(empty, { mode: 0o755, recursive: true });
    await writeFile(pwdFile, `${opts.user}:${ctx.passwordHash}\n`, { mode: 0o600 });
    await writeFile(pamFile, [
      '# Sluice test harness (test/support/servers/vsftpd.ts); removed when the server stops.',
      `auth required pam_pwdfile.so pwdfile=${pwdFile}`,
      'account required pam_permit.so',
      '',
    ].join('\n'));

    const conf: Record<string, string | number> = {
      listen: 'YES', listen_ipv6: 'NO', listen_address: '127.0.0.1', listen_port: ctx.port,
      background: 'NO',
      // Containers may forbid seccomp filters and new namespaces.
      seccomp_sandbox: 'NO', isolate: 'NO', isolate_network: 'NO',
      secure_chroot_dir: empty,
      anonymous_enable: 'NO', local_enable: 'YES', write_enable: 'YES', local_umask: '022',
      pam_service_name: pamService,
      guest_enable: 'YES', guest_username: ctx.account, virtual_use_local_privs: 'YES',
      local_root: ctx.root, chroot_local_user: 'YES', allow_writeable_chroot: 'YES',
      userlist_enable: 'NO', tcp_wrappers: 'NO', connect_from_port_20: 'NO',
      ssl_enable: 'YES', implicit_ssl: yn(opts.tls === 'implicit'),
      allow_anon_ssl: 'NO', force_local_logins_ssl: 'YES', force_local_data_ssl: yn(!opts.allowProtC),
      rsa_cert_file: certs.serverCertPath, rsa_private_key_file: certs.serverKeyPath,
      ssl_sslv2: 'NO', ssl_sslv3: 'NO', ssl_tlsv1: 'YES', // TLS versions are pinned via OPENSSL_CONF
      ssl_ciphers: 'HIGH', // vsftpd's built-in default is DES-CBC3-SHA
      require_ssl_reuse: yn(opts.requireSessionReuse),
      ssl_request_cert: yn(opts.requireClientCert),
      require_cert: yn(opts.requireClientCert),
      validate_cert: yn(opts.requireClientCert),
      ca_certs_file: certs.caPath,
      vsftpd_log_file: log, xferlog_enable: 'YES', xferlog_std_format: 'NO',
      log_ftp_protocol: yn(!opts.quietLogs), debug_ssl: yn(!opts.quietLogs), syslog_enable: 'NO',
    };
    if (opts.acceptTimeoutSeconds !== undefined) conf.accept_timeout = opts.acceptTimeoutSeconds;
    if (opts.passivePorts) {
      conf.pasv_min_port = opts.passivePorts.min;
      conf.pasv_max_port = opts.passivePorts.max;
    }
    const confPath = path.join(dir, 'vsftpd.conf');
    await writeFile(confPath, Object.entries(conf).map(([k, v]) => `${k}=${v}`).join('\n') + '\n', { mode: 0o600 });

    return {
      args: [confPath],
      env: await pinTlsVersionEnv(dir, opts.tlsVersion),
      mainLog: log,
      logs: [log],
      externalFiles: [pamFile],
    };
  },
};
