/**
 * The conversation area's ports: what its use cases need from storage; the DynamoDB adapters
 * implement them, split by use so a route's bundle carries only its own queries. Reads
 * come with the owner's account status (SECURITY B4): a Query cannot read the profile too, so
 * they are two requests sent together (docs/data-model.md). Writes to an existing
 * conversation carry the account guard in the same transaction.
 */
import type { Generation } from '../generations/generation';
import type { AccountSeen, OwnedRead } from '../profile/account-status';
import type { AccountRefusal } from '../profile/ports';
import type { Page } from '../shared/page';
import type { Conversation } from './conversation';

/** The reads: what the list and get routes need. */
export interface ConversationReadStore {
  /** Newest first, with the account's status. DELETING conversations are left out. */
  list(userId: string, limit: number, cursor?: string): Promise<Page<Conversation> & { account: AccountSeen }>;
  /**
   * The conversation and its generations (oldest first), with the account's status; no item when absent or DELETING.
   */
  getWithGenerations(
    userId: string,
    conversationId: string,
  ): Promise<OwnedRead<{ conversation: Conversation; generations: Generation[] }>>;
}

/** What creating a conversation needs. */
export interface ConversationCreationStore {
  /** Creates the conversation if the account is active; false when it is not (nothing written). */
  create(conversation: Conversation): Promise<{ outcome: 'created' } | AccountRefusal>;
}

/** The writes to an existing conversation: what rename and delete need. */
export interface ConversationStore {
  /** Changes the title of an ACTIVE conversation of an active account. */
  rename(
    userId: string,
    conversationId: string,
    title: string | null,
    now: string,
  ): Promise<{ outcome: 'renamed'; conversation: Conversation } | { outcome: 'missing' } | AccountRefusal>;
  /** Marks it DELETING (idempotent) if the account is active. */
  markDeleting(
    userId: string,
    conversationId: string,
    now: string,
  ): Promise<{ outcome: 'marked' } | { outcome: 'missing' } | AccountRefusal>;
  /** Deletes its generation and image items, then (after `beforeFinalDelete`) the conversation item itself. */
  deleteItems(userId: string, conversationId: string, beforeFinalDelete: () => Promise<void>): Promise<void>;
}
