// ProFTPD 1.3.8 + mod_tls (Debian proftpd-core + proftpd-mod-crypto, usually unpacked under
// .tmp/servers/proftpd). Virtual user from an AuthUserFile; mod_tls loaded from ModulePath.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LaunchPlan, ServerContext, ServerDriver } from './plan';
import type { ResolvedOptions } from './types';

/**
 * TLSRequired: 'ctrl' parts must stay off for CCC to be accepted (CCC drops control-channel
 * TLS after login, so only 'auth' — TLS for USER/PASS — may be demanded); 'data' parts go
 * when PROT C is allowed.
 */
function tlsRequired(opts: ResolvedOptions): string {
  if (opts.allowCcc) return opts.allowProtC ? 'auth' : 'auth+data';
  return opts.allowProtC ? 'ctrl' : 'on';
}

export const proftpd: ServerDriver = {
  kind: 'proftpd',
  async prepare(ctx: ServerContext): Promise<LaunchPlan> {
    const { dir, opts, certs } = ctx;
    const f = (name: string) => path.join(dir, name);
    await writeFile(f('passwd'), `${opts.user}:${ctx.passwordHash}:${ctx.uid}:${ctx.gid}::${ctx.root}:/bin/false\n`, { mode: 0o600 });
    await writeFile(f('group'), `${ctx.account}:x:${ctx.gid}:${opts.user}\n`, { mode: 0o600 });

    const tlsOptions = ['EnableDiags'];
    if (!opts.requireSessionReuse) tlsOptions.push('NoSessionReuseRequired');
    if (opts.tls === 'implicit') tlsOptions.push('UseImplicitSSL');
    const protocol = opts.tlsVersion ? `TLSv${opts.tlsVersion}` : 'TLSv1.2 TLSv1.3';

    const lines = [
      'ServerType standalone',
      'ServerName "Sluice test proftpd"',
      'DefaultServer on',
      `Port ${ctx.port}`,
      'DefaultAddress 127.0.0.1',
      'SocketBindTight on',
      'UseIPv6 off',
      'UseReverseDNS off',
      `User ${ctx.account}`,
      `Group ${ctx.account}`,
      `PidFile ${f('proftpd.pid')}`,
      `ScoreboardFile ${f('proftpd.scoreboard')}`,
      'WtmpLog off',
      'MaxInstances 50',
      // Login delays (mod_delay) only slow tests down.
      '<IfModule mod_delay.c>\n  DelayEngine off\n</IfModule>',
      '<IfModule mod_ctrls.c>\n  ControlsEngine off\n</IfModule>',
      '<IfModule mod_cap.c>\n  CapabilitiesEngine off\n</IfModule>',
      '<IfModule mod_auth_pam.c>\n  AuthPAM off\n</IfModule>',
      'AuthOrder mod_auth_file.c',
      `AuthUserFile ${f('passwd')}`,
      `AuthGroupFile ${f('group')}`,
      'RequireValidShell off',
      'DefaultRoot ~',
      'Umask 022',
      'AllowOverwrite on',
      `SystemLog ${f('proftpd.log')}`,
      `TransferLog ${f('xferlog')}`,
      'LogFormat sluice "%{iso8601} %a %u \\"%r\\" %s"',
      `ExtendedLog ${f('commands.log')} ALL sluice`,
      ...(opts.passivePorts ? [`PassivePorts ${opts.passivePorts.min} ${opts.passivePorts.max}`] : []),
      '<IfModule mod_dso.c>',
      `  ModulePath ${ctx.bin.moduleDir ?? '/usr/lib/proftpd'}`,
      '  LoadModule mod_tls.c',
      '</IfModule>',
      'TLSEngine on',
      `TLSLog ${f('tls.log')}`,
      `TLSProtocol ${protocol}`,
      'TLSCipherSuite HIGH',
      `TLSECCertificateFile ${certs.serverCertPath}`,
      `TLSECCertificateKeyFile ${certs.serverKeyPath}`,
      `TLSCACertificateFile ${certs.caPath}`,
      `TLSVerifyClient ${opts.requireClientCert ? 'on' : 'off'}`,
      `TLSRequired ${tlsRequired(opts)}`,
      `TLSOptions ${tlsOptions.join(' ')}`,
      'TLSRenegotiate none',
      '',
    ];
    const confPath = f('proftpd.conf');
    await writeFile(confPath, lines.join('\n'), { mode: 0o600 });
    return {
      // -n: stay in the foreground; -c: our config instead of /etc/proftpd/proftpd.conf.
      args: ['-n', '-c', confPath],
      env: ctx.bin.env,
      mainLog: f('tls.log'),
      logs: [f('proftpd.log'), f('tls.log'), f('commands.log'), f('xferlog')],
    };
  },
};
