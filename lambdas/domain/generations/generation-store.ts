/**
 * What the generation use cases and the worker need from storage; the DynamoDB adapter
 * implements it. Each method is one request (a transaction counts as one).
 */
import type { OwnedRead } from '../profile/account-status';
import type { LedgerEntry } from '../profile/profile';
import type { AccountRefusal } from '../profile/profile-store';
import type { Generation, GenerationFailure, StoredImage } from './generation';

export interface IdempotencyMarker {
  /** SHA-256 of the client's Idempotency-Key. */
  keyHash: string;
  /** SHA-256 of what was asked, so the same key with a different request is refused. */
  requestHash: string;
  generationId: string;
  /** Epoch seconds; an expired marker no longer counts, whether or not TTL has removed it yet. */
  expiresAt: number;
}

export type CreateGenerationOutcome =
  | { outcome: 'created' }
  | { outcome: 'duplicate'; marker: IdempotencyMarker }
  | { outcome: 'insufficient_credits'; balance: number }
  | AccountRefusal
  | { outcome: 'conversation_missing' }
  | { outcome: 'reference_not_ready'; uploadId: string };

/** What showing a generation needs (GET /v1/generations/{id}). */
export interface GenerationReadStore {
  /** The generation with its owner's account status, read together (SECURITY B4). */
  get(userId: string, generationId: string): Promise<OwnedRead<Generation>>;
}

export interface GenerationStore extends GenerationReadStore {
  /**
   * One TransactWriteItems: debit the wallet (enough credits, account active), check the
   * conversation and each reference, put the generation, its ledger entry and the idempotency
   * marker. All or nothing; the outcome says which condition stopped it.
   */
  create(
    generation: Generation,
    debit: LedgerEntry,
    marker: IdempotencyMarker,
    nowEpochSeconds: number,
  ): Promise<CreateGenerationOutcome>;
  /** QUEUED or RUNNING → RUNNING, counting the attempt; undefined when it is gone or already finished. */
  start(userId: string, generationId: string, now: string): Promise<Generation | undefined>;
  /** RUNNING → SUCCEEDED with its image items, while its conversation is ACTIVE; false otherwise (nothing written). */
  succeed(generation: Generation, images: StoredImage[], now: string): Promise<boolean>;
  /** RUNNING → BLOCKED or FAILED and the refund, in one transaction; false when already finished or gone. */
  failWithRefund(
    generation: Generation,
    status: 'BLOCKED' | 'FAILED',
    failure: GenerationFailure,
    refund: LedgerEntry,
  ): Promise<boolean>;
}
