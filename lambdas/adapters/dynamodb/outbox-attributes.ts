/**
 * How the writes that move an item into, along or out of the outbox (keys/, `outboxEntry`)
 * spell its two attributes in an UpdateExpression: one spelling for every repository.
 */
import type { OutboxPhase } from '../../domain/outbox/outbox';
import * as keys from './keys';

/** A `SET` clause part: put the item in the outbox, or move it to another phase. */
export const setOutbox = 'outboxPk = :outboxPk, outboxSk = :outboxSk';

/** A whole `REMOVE` clause: the item leaves the outbox. */
export const removeOutbox = 'REMOVE outboxPk, outboxSk';

/** The values `setOutbox` names, for `item` in `phase` since `since` (ISO time). */
export function outboxValues(item: keys.ItemKey, since: string, phase: OutboxPhase = 'SEND'): Record<string, string> {
  const entry = keys.outboxEntry(item, since, phase);
  return { ':outboxPk': entry.outboxPk, ':outboxSk': entry.outboxSk };
}
