import { useRef, useState } from 'react';
import type { PromptAnswer, PromptRequest } from '../../../shared/services/prompts';
import type { VaultStatus } from '../../../shared/services/sites';
import { CertificateDialog } from '../certificates/CertificateDialog';
import { ChangedCertificateDialog } from '../certificates/ChangedCertificateDialog';
import { useAppStore } from '../store/StoreContext';
import { InsecureConnectionDialog } from './InsecureConnectionDialog';
import { MasterPasswordDialog } from './MasterPasswordDialog';
import { PasswordDialog } from './PasswordDialog';

/** True when saving a secret must first create or unlock the master-password vault. */
export function vaultNeedsPassword(vault: VaultStatus | null): boolean {
  return vault?.kind === 'master-password' && (vault.locked || !vault.initialized);
}

/**
 * The connection's questions. "File exists" belongs to the transfer queue's own dialog
 * (FileExistsHost), so it never holds the connection questions back.
 */
const SHOWN_HERE: ReadonlySet<PromptRequest['kind']> = new Set(['certificate-unknown', 'certificate-changed', 'insecure-connection', 'password']);

/** True for the questions this host shows (the connection's), false for the queue's. */
export function isConnectionPrompt(kind: PromptRequest['kind']): boolean {
  return SHOWN_HERE.has(kind);
}

/**
 * Shows the engine's oldest waiting question, one at a time. Each dialog is keyed by the
 * request id so a new question never inherits the previous one's typed text.
 */
export function PromptHost() {
  const request = useAppStore((state) => state.prompts.find((prompt) => SHOWN_HERE.has(prompt.kind)) ?? null);
  const answer = useAppStore((state) => state.promptsActions.answer);
  if (!request) return null;
  return <PromptDialog key={request.id} request={request} answer={(reply) => void answer(request.id, reply)} />;
}

function PromptDialog({ request, answer: send }: { request: PromptRequest; answer: (reply: PromptAnswer) => void }) {
  // One answer per request: a dialog closing after its answer must not send a second one.
  const answered = useRef(false);
  const answer = (reply: PromptAnswer) => {
    if (answered.current) return;
    answered.current = true;
    send(reply);
  };
  const vault = useAppStore((state) => state.vault);
  const unlockVault = useAppStore((state) => state.sitesActions.unlockVault);
  // A password to remember in a locked vault waits here while the vault is unlocked.
  const [toRemember, setToRemember] = useState<string | null>(null);
  const certificate = (decision: 'trust-once' | 'trust-always' | 'reject') => answer({ kind: 'certificate', decision });

  switch (request.kind) {
    case 'certificate-unknown':
      return <CertificateDialog mode="decide" info={request.certificate} onAnswer={certificate} />;
    case 'certificate-changed':
      return <ChangedCertificateDialog request={request} onAnswer={certificate} />;
    case 'insecure-connection':
      return <InsecureConnectionDialog request={request} onAnswer={(proceed, remember) => answer({ kind: 'insecure', proceed, remember })} />;
    case 'password':
      if (toRemember !== null) {
        return (
          <MasterPasswordDialog
            create={vault?.initialized === false}
            onUnlock={async (master) => {
              await unlockVault(master);
              answer({ kind: 'password', password: toRemember, remember: true });
            }}
            // Without the vault the password still works for this connection; it is just not kept.
            onClose={() => answer({ kind: 'password', password: toRemember, remember: false })}
          />
        );
      }
      return (
        <PasswordDialog
          request={request}
          canRemember={vault !== null && vault.kind !== 'none'}
          onAnswer={(password, remember) => {
            if (password !== null && remember && vaultNeedsPassword(vault)) return setToRemember(password);
            answer({ kind: 'password', password, remember });
          }}
        />
      );
    case 'file-exists':
      return null;
  }
}
