/** How the data export files each stored item into a section of data.json (docs/export.md). */
import * as items from '../../../lambdas/adapters/dynamodb/items';

describe('export sections', () => {
  it('files a conversation under conversations without its table bookkeeping', () => {
    const exported = items.exportedItem({
      pk: 'USER#u1',
      sk: 'CONV#c1',
      gsi1pk: 'g',
      gsi1sk: 'h',
      ttl: 5,
      entityType: items.entityTypes.conversation,
      conversationId: 'c1',
      title: 'Cats',
    });
    expect(exported).toEqual({ section: 'conversations', record: { conversationId: 'c1', title: 'Cats' } });
  });

  it('files a kind it does not know under other and keeps the kind so it stays readable', () => {
    const exported = items.exportedItem({ pk: 'USER#u1', sk: 'NEW#1', entityType: 'SUPPORT_REQUEST', body: 'hi' });
    expect(exported).toEqual({ section: 'other', record: { kind: 'SUPPORT_REQUEST', body: 'hi' } });
  });

  it('does not treat inherited object properties as known kinds', () => {
    expect(items.exportSectionFor('constructor')).toBe('other');
    expect(items.exportSectionFor(undefined)).toBe('other');
  });
});
