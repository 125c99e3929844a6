// FTPS test servers: real vsftpd, proftpd, pure-ftpd and pyftpdlib on loopback. See README.md.
export { startServer } from './start';
export { locateBinaries, type Binaries, type ServerBinary } from './binaries';
export { CAPABILITIES, unsupportedReason, type Capabilities } from './capabilities';
export { SERVER_KINDS, UnsupportedOptionError } from './types';
export type { RunningServer, ServerKind, ServerOptions } from './types';
