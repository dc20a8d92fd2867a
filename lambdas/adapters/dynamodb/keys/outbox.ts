import type { OutboxPhase, PendingWork } from '../../../domain/outbox/outbox';
import { type ItemKey, profileSortKey, sortKeyPrefix, userPartitionPrefix } from './base';
import { profile } from './account';
import { conversationById, generationById } from './conversations';
import { dataExport } from './export';

/**
 * The outbox (docs/data-model.md, "The outbox"): an item whose follow-up work (a generation's job
 * on the queue, an account's or a conversation's deletion) has been committed but not yet handed
 * over carries these two attributes, which place it in the sparse `outbox` index. The sort key
 * starts with the phase, then the time it entered it, so the sweeper reads each phase's entries
 * older than that phase's wait: `SEND` until the hand-over is confirmed, `WATCH` (generations
 * only) from each start by the worker until the generation settles. Entries are spread over a few
 * partitions by a hash of the item's key, so a burst of generations never lands on one.
 */
export const outboxShardCount = 4;

export interface OutboxKey {
  outboxPk: string;
  outboxSk: string;
}

export const outboxShard = (shard: number): Pick<OutboxKey, 'outboxPk'> => ({ outboxPk: `OUTBOX#${shard}` });

export const outboxEntry = (item: ItemKey, since: string, phase: OutboxPhase = 'SEND'): OutboxKey => ({
  ...outboxShard(shardOf(`${item.pk}|${item.sk}`)),
  outboxSk: `${phase}#${since}#${item.sk}`,
});

/** The entries of one shard in `phase` since before `before` (ISO time): a Query's key range. */
export const outboxRange = (shard: number, phase: OutboxPhase, before: string) => ({
  ...outboxShard(shard),
  from: `${phase}#`,
  to: `${phase}#${before}`,
});

function shardOf(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) >>> 0;
  return hash % outboxShardCount;
}

/** What an outbox entry is waiting for, read back from the table keys the index projects. */
export function pendingWorkOf(item: { pk?: unknown; sk?: unknown }): PendingWork | undefined {
  const { pk, sk } = item;
  if (typeof pk !== 'string' || typeof sk !== 'string' || !pk.startsWith(userPartitionPrefix)) return undefined;
  const userId = pk.slice(userPartitionPrefix.length);
  if (sk.startsWith(sortKeyPrefix.generation))
    return { kind: 'generation', userId, generationId: sk.slice(sortKeyPrefix.generation.length) };
  if (sk === profileSortKey) return { kind: 'account-deletion', userId };
  if (sk.startsWith(sortKeyPrefix.conversation)) {
    return { kind: 'conversation-deletion', userId, conversationId: sk.slice(sortKeyPrefix.conversation.length) };
  }
  if (sk.startsWith(sortKeyPrefix.dataExport)) {
    return { kind: 'export', userId, exportId: sk.slice(sortKeyPrefix.dataExport.length) };
  }
  return undefined;
}

/** The item whose outbox entry stands for `work`: `pendingWorkOf` the other way round. */
export function pendingWorkKey(work: PendingWork): ItemKey {
  switch (work.kind) {
    case 'generation':
      return generationById(work.userId, work.generationId);
    case 'account-deletion':
      return profile(work.userId);
    case 'conversation-deletion':
      return conversationById(work.userId, work.conversationId);
    case 'export':
      return dataExport(work.userId, work.exportId);
  }
}
