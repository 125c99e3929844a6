export { FaultServer, type FaultServerOptions, type FaultTlsOptions, type ReceivedCommand } from './server';
export { defaultScript, type Action, type ActionObject, type Handler, type Script, type SessionView } from './script';
export { makeTestCertificates, type TestCertificates } from './certs';
export { FaultData, type DataConnectionRecord, type FaultDataOptions, type RetrFault } from './data';
export { ClientHelloScanner, HelloCountingStream } from './hello-counter';
