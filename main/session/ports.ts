import type { VerifyServer } from '../ftp/certificate';
import type { PromptAnswer, PromptRequest } from '../../shared/services/prompts';
import type { SiteProfile } from '../../shared/services/sites';
import type { CertificateInfo } from '../../shared/services/trust';

/**
 * What the remote session needs from its neighbours, each as narrow as it can be: the
 * composition root adapts the trust store, the prompts broker and the sites service to
 * these, so the session can be tested with small fakes and real servers.
 */

/** A question for the person at the window; resolves with their answer or a refusal. */
export type Ask = (request: DistributiveOmit<PromptRequest, 'id'>) => Promise<PromptAnswer>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** How a connection's certificate came to be trusted. */
export interface TrustOutcome {
  readonly certificate: CertificateInfo;
  readonly trust: 'verified' | 'pinned' | 'once';
}

/** Decides about server certificates (trust store + prompts), one attempt at a time. */
export interface ServerTrust {
  /** A verifier for one connection attempt, and what it decided once it has. */
  attempt(): { readonly verify: VerifyServer; outcome(): TrustOutcome | undefined };
}

/** Saved sites and their secrets, as a session uses them. */
export interface SiteSource {
  site(id: string): Promise<SiteProfile | undefined>;
  /** Saved secrets; absent ones are asked for. */
  secrets(id: string): Promise<{ readonly password?: string; readonly passphrase?: string }>;
  /** Stores a password the person typed and asked to remember. */
  rememberPassword(id: string, password: string): Promise<void>;
  /** Records "don't ask again" for going on in clear with this site. */
  allowInsecure(id: string): Promise<void>;
}
