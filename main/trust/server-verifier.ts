import type { ServerCertificateCheck, TrustDecision, VerifyServer } from '../ftp/certificate';
import type { AskOptions, PromptBroker } from '../prompts/prompt-broker';
import type { ChangedCertificateRequest, UnknownCertificateRequest } from '../../shared/services/prompts';
import { certificateDetails } from './certificate-info';
import type { CertificateTrust, TrustEvaluation } from './trust-service';

export interface ServerVerifierOptions {
  readonly trust: CertificateTrust;
  readonly prompts: Pick<PromptBroker, 'ask'>;
  /** False where nobody can answer (a background connection): unknown and changed certificates are rejected. */
  readonly allowPrompt: boolean;
  /** Passed to each question: how long to wait, and the session's abort. */
  readonly ask?: AskOptions;
  /** Told of every evaluation, e.g. for the connection indicator and the log. */
  readonly onEvaluated?: (evaluation: TrustEvaluation) => void;
}

/**
 * The engine's certificate callback for a session (security rules 7–9): trusted by chain
 * and name, or pinned → go on; otherwise ask a person and send nothing until they answer.
 * "Always trust" stays offered even when there are warnings (FileZilla greys it out): a
 * person who pins a self-signed or expired certificate does so deliberately, and the pin
 * then guards against the certificate being swapped.
 */
export function createServerVerifier(options: ServerVerifierOptions): VerifyServer {
  const { trust, prompts } = options;
  return async (check: ServerCertificateCheck): Promise<TrustDecision> => {
    const evaluation = await trust.evaluate(check);
    options.onEvaluated?.(evaluation);
    const { info } = evaluation;
    // No certificate: nothing a person could judge or pin.
    if (info.chain.length === 0) return 'reject';
    switch (evaluation.status) {
      case 'trusted':
        return 'trust';
      case 'pinned':
        await trust.touch(info).catch(() => undefined); // "last seen" is a courtesy; failing to note it must not end the session.
        return 'trust';
      case 'unknown':
      case 'changed':
        break;
    }
    if (trust.wasTrustedOnce(info)) return 'trust';
    if (!options.allowPrompt) return 'reject';
    const answer = await prompts.ask(questionFor(evaluation), options.ask);
    switch (answer.decision) {
      case 'trust-always':
        await trust.pin(info, 'dialog');
        return 'trust';
      case 'trust-once':
        trust.rememberOnce(info);
        return 'trust';
      case 'reject':
        return 'reject';
    }
  };
}

/** The question for an untrusted certificate: the louder "changed" one when a pin exists (rule 9). */
function questionFor(evaluation: TrustEvaluation): Omit<UnknownCertificateRequest, 'id'> | Omit<ChangedCertificateRequest, 'id'> {
  const { info, previous } = evaluation;
  if (evaluation.status !== 'changed' || previous === undefined) return { kind: 'certificate-unknown', certificate: info };
  const details = certificateDetails(previous.pem);
  return {
    kind: 'certificate-changed',
    certificate: info,
    previous: { ...previous, details },
    samePublicKey: details.publicKeySha256 === info.chain[0]?.publicKeySha256,
  };
}
