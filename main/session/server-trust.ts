import type { TrustDecision } from '../ftp/certificate';
import type { PromptBroker } from '../prompts/prompt-broker';
import { createServerVerifier } from '../trust/server-verifier';
import type { CertificateTrust, TrustEvaluation } from '../trust/trust-service';
import type { ServerTrust, TrustOutcome } from './ports';

/**
 * The session's certificate decisions: the trust store and the prompts broker behind the
 * engine's callback, remembering for the connection indicator how trust was reached.
 */
export function serverTrustFrom(trust: CertificateTrust, prompts: Pick<PromptBroker, 'ask'>): ServerTrust {
  return {
    attempt() {
      let evaluation: TrustEvaluation | undefined;
      let decision: TrustDecision | undefined;
      const inner = createServerVerifier({ trust, prompts, allowPrompt: true, onEvaluated: (seen) => (evaluation = seen) });
      return {
        verify: async (check) => (decision = await inner(check)),
        outcome(): TrustOutcome | undefined {
          if (!evaluation || decision !== 'trust') return undefined;
          const { info, status } = evaluation;
          if (status === 'trusted') return { certificate: info, trust: 'verified' };
          // An unknown or changed certificate went on either pinned ("Always trust") or once.
          return { certificate: info, trust: status === 'pinned' || !trust.wasTrustedOnce(info) ? 'pinned' : 'once' };
        },
      };
    },
  };
}
