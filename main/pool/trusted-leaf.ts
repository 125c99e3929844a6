import type { ServerCertificateCheck, TrustDecision, VerifyServer } from '../ftp/certificate';

/**
 * The certificate decision of a pool, made once: the first connection asks `verify` (which
 * may prompt a person); once it says 'trust', that leaf certificate is remembered and every
 * later connection must present the byte-equal leaf, or it is refused without asking again.
 * A server that swaps certificates between our connections is not one we keep talking to.
 */
export class TrustedLeaf {
  private leaf: Buffer | undefined;

  constructor(private readonly verify: VerifyServer) {}

  /**
   * A decision made elsewhere (the main pool's, for a transfer lane): `same` trusts exactly
   * `leaf`, and refuses everything when there is none.
   */
  static decided(leaf: Buffer | undefined): TrustedLeaf {
    const trust = new TrustedLeaf(() => 'reject');
    trust.leaf = leaf;
    return trust;
  }

  /** True once the first connection's certificate was trusted. */
  get decided(): boolean {
    return this.leaf !== undefined;
  }

  /** The trusted leaf (DER), once decided: what a transfer lane's connections must present too. */
  get certificate(): Buffer | undefined {
    return this.leaf;
  }

  /** The verifier for the first connection: the real decision, remembering the leaf it trusted. */
  readonly first: VerifyServer = async (check: ServerCertificateCheck): Promise<TrustDecision> => {
    const decision = await this.verify(check);
    const leaf = check.chain[0];
    if (decision === 'trust' && leaf !== undefined) this.leaf = Buffer.from(leaf);
    return decision;
  };

  /** The verifier for connections 2..N: trust exactly the leaf already trusted, nothing else. */
  readonly same: VerifyServer = (check: ServerCertificateCheck): TrustDecision => {
    const leaf = check.chain[0];
    return this.leaf !== undefined && leaf !== undefined && leaf.equals(this.leaf) ? 'trust' : 'reject';
  };
}
