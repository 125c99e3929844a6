import { z } from 'zod';
import { defineContract, type Unsubscribe } from '../contract/service';
import { segmentNameSchema } from '../paths';
import type { CertificateDetails, CertificateInfo, PinRecord } from './trust';

/**
 * Questions the engine asks a person, as FileZilla's engine sends async requests to its
 * interface: each has an id; the engine waits, sends nothing further meanwhile, and gives
 * up cleanly (as a refusal) when nobody answers in time.
 */

/** The server presented a certificate that is neither trusted by chain and name nor pinned. */
export interface UnknownCertificateRequest {
  readonly id: string;
  readonly kind: 'certificate-unknown';
  readonly certificate: CertificateInfo;
}

/** A pinned host now presents a different certificate: a distinct, louder warning (rule 9). */
export interface ChangedCertificateRequest {
  readonly id: string;
  readonly kind: 'certificate-changed';
  readonly certificate: CertificateInfo;
  readonly previous: PinRecord & { readonly details: CertificateDetails };
  /** The new certificate carries the pinned one's public key (a renewal, most likely). */
  readonly samePublicKey: boolean;
}

/** The connection would go on without encryption. */
export interface InsecureConnectionRequest {
  readonly id: string;
  readonly kind: 'insecure-connection';
  readonly host: string;
  readonly port: number;
  /** `tls-refused`: the server refused AUTH under "explicit if available"; `plain-site`: the site is plain FTP. */
  readonly reason: 'tls-refused' | 'plain-site';
  readonly siteId?: string;
}

/** The site has no saved password. */
export interface PasswordRequest {
  readonly id: string;
  readonly kind: 'password';
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly siteName?: string;
  /** Set when a previous attempt was refused by the server. */
  readonly retryReason?: string;
}

/** A transfer's target already exists: what to do with it (and maybe with every later one). */
export interface FileExistsRequest {
  readonly id: string;
  readonly kind: 'file-exists';
  readonly direction: 'upload' | 'download';
  readonly source: { readonly path: string; readonly size?: number; readonly modified?: number };
  readonly target: { readonly path: string; readonly size?: number; readonly modified?: number };
  /** A free name beside the target, offered for "Rename". */
  readonly suggestedName: string;
  /** Resume is offered only when the target is smaller than the source. */
  readonly canResume: boolean;
}

export type PromptRequest =
  | UnknownCertificateRequest
  | ChangedCertificateRequest
  | InsecureConnectionRequest
  | PasswordRequest
  | FileExistsRequest;

/** What to do about an existing target. */
export type FileExistsAction = 'overwrite' | 'overwrite-if-newer' | 'resume' | 'rename' | 'skip';

/** Answers, one shape per kind of request. */
export type PromptAnswer =
  | { readonly kind: 'certificate'; readonly decision: 'trust-once' | 'trust-always' | 'reject' }
  | { readonly kind: 'insecure'; readonly proceed: boolean; readonly remember: boolean }
  | { readonly kind: 'password'; readonly password: string | null; readonly remember: boolean }
  | {
      readonly kind: 'file-exists';
      readonly action: FileExistsAction;
      /** For `rename`: the new name (one path segment). */
      readonly newName?: string;
      /** Apply the same action to every later conflict in this queue. */
      readonly applyToAll: boolean;
    };

/** How a request ended. */
export interface PromptSettled {
  readonly id: string;
  readonly outcome: 'answered' | 'timed-out' | 'cancelled';
}

/** Where the engine's questions wait for a person. */
export interface PromptsService {
  /** Requests still waiting, oldest first (a window opened late catches up). */
  pending(): Promise<PromptRequest[]>;
  /** Answers a request; an answer of the wrong kind or for a settled id is refused. */
  answer(id: string, answer: PromptAnswer): Promise<void>;
  onDidRequest(listener: (request: PromptRequest) => void): Unsubscribe;
  onDidSettle(listener: (settled: PromptSettled) => void): Unsubscribe;
}

export const promptAnswerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('certificate'), decision: z.enum(['trust-once', 'trust-always', 'reject']) }),
  z.strictObject({ kind: z.literal('insecure'), proceed: z.boolean(), remember: z.boolean() }),
  z.strictObject({ kind: z.literal('password'), password: z.string().max(4096).nullable(), remember: z.boolean() }),
  z.strictObject({
    kind: z.literal('file-exists'),
    action: z.enum(['overwrite', 'overwrite-if-newer', 'resume', 'rename', 'skip']),
    newName: segmentNameSchema.optional(),
    applyToAll: z.boolean(),
  }),
]);

export const promptsContract = defineContract<PromptsService>({
  name: 'prompts',
  methods: {
    pending: z.tuple([]),
    answer: z.tuple([z.string().min(1).max(64), promptAnswerSchema]),
  },
  events: { onDidRequest: true, onDidSettle: true },
});
