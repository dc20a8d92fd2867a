/**
 * How the data export (issue 14, docs/export.md) files each stored item: known kinds go to a readable
 * section of `data.json`, any kind added later lands in `other` with its `entityType` kept, so the
 * export never needs a code change to include a new kind. Table bookkeeping is stripped here.
 */
import { type Item, withoutBookkeeping } from './bookkeeping';
import type { ExportItemCodec } from '../../../domain/export/export-plan';
import { entityTypes } from './entity-types';

/** The section of `data.json` each known `entityType` goes to; anything else goes to `other`. */
const sectionByEntityType: Readonly<Record<string, string>> = {
  [entityTypes.profile]: 'profile',
  [entityTypes.consentEvent]: 'consents',
  [entityTypes.ledgerEntry]: 'creditLedger',
  [entityTypes.conversation]: 'conversations',
  [entityTypes.generation]: 'generations',
  [entityTypes.image]: 'images',
  [entityTypes.upload]: 'references',
  [entityTypes.imageAction]: 'imageActions',
  [entityTypes.storeGrant]: 'storeGrants',
  [entityTypes.storeEventReceipt]: 'storeEvents',
};

/** The section an item of this `entityType` is exported under. */
export function exportSectionFor(entityType: unknown): string {
  return typeof entityType === 'string' && Object.hasOwn(sectionByEntityType, entityType)
    ? sectionByEntityType[entityType]
    : 'other';
}

/**
 * One item as the export shows it. Items of unknown kinds keep their `entityType` (as `kind`) so a
 * reader of `other` can tell them apart; known kinds need no label, their section says it.
 */
export function exportedItem(item: Item): { section: string; record: Item } {
  const section = exportSectionFor(item.entityType);
  const record = withoutBookkeeping(item);
  return { section, record: section === 'other' ? { kind: String(item.entityType), ...record } : record };
}

/** How the export reads stored items (../../../domain/export/export-plan.ts). */
export const exportItemCodec: ExportItemCodec = {
  sectionOf: (item) => exportedItem(item as Item),
  conversationOf: (item) =>
    item.entityType === entityTypes.conversation && typeof item.conversationId === 'string'
      ? { conversationId: item.conversationId, ...(typeof item.title === 'string' ? { title: item.title } : {}) }
      : undefined,
  imageOf: (item) =>
    item.entityType === entityTypes.image && typeof item.objectKey === 'string'
      ? {
          objectKey: item.objectKey,
          generationId: String(item.generationId),
          conversationId: String(item.conversationId),
        }
      : undefined,
};
