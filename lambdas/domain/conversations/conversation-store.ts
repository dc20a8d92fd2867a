/**
 * What the conversation use cases need from storage; the DynamoDB adapter implements it. Reads
 * are one request each (PERFORMANCE P5).
 */
import type { Generation } from '../generations/generation';
import type { AccountRefusal } from '../profile/profile-store';
import type { Conversation } from './conversation';

export interface Page<T> {
  items: T[];
  /** Opaque; absent on the last page. */
  nextCursor?: string;
}

export interface ConversationStore {
  /** Creates the conversation if the account is active; false when it is not (nothing written). */
  create(conversation: Conversation): Promise<{ outcome: 'created' } | AccountRefusal>;
  /** Newest first; one Query. DELETING conversations are left out. */
  list(userId: string, limit: number, cursor?: string): Promise<Page<Conversation>>;
  /** The conversation and its generations (oldest first), in one Query; undefined when absent or DELETING. */
  getWithGenerations(userId: string, conversationId: string): Promise<{ conversation: Conversation; generations: Generation[] } | undefined>;
  /** Changes the title of an ACTIVE conversation; undefined when there is none. */
  rename(userId: string, conversationId: string, title: string | null, now: string): Promise<Conversation | undefined>;
  /** Marks it DELETING (idempotent); false when there is no such conversation. */
  markDeleting(userId: string, conversationId: string, now: string): Promise<boolean>;
  /** Deletes its generation and image items, then (after `beforeFinalDelete`) the conversation item itself. */
  deleteItems(userId: string, conversationId: string, beforeFinalDelete: () => Promise<void>): Promise<void>;
}
