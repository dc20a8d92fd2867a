/**
 * The key design's promises that other code relies on: one Query over the credits range meets
 * only the profile and ledger entries, and every key a user owns lives in the user's partition.
 */
import fc from 'fast-check';
import * as keys from '../../../lambdas/adapters/dynamodb/keys';

const id = fc.stringMatching(/^[A-Za-z0-9_-]{10,40}$/);

describe('keys', () => {
  it('keeps every other kind of item out of the credits range', () => {
    fc.assert(
      fc.property(id, id, fc.date({ noInvalidDate: true }), (userId, otherId, at) => {
        const range = keys.creditsRange(userId);
        const inRange = (sk: string) => sk >= range.from && sk <= range.to;
        const others = [
          keys.conversation(userId, otherId).sk,
          keys.generationById(userId, otherId).sk,
          keys.image(userId, otherId).sk,
          keys.upload(userId, otherId).sk,
          keys.idempotency(userId, otherId).sk,
          keys.consentEvent(userId, at.toISOString(), otherId).sk,
        ];
        expect(others.filter(inRange)).toEqual([]);
        expect(inRange(keys.profile(userId).sk)).toBe(true);
        expect(inRange(keys.ledgerEntry(userId, at.toISOString(), otherId).sk)).toBe(true);
      }),
    );
  });

  it('places everything a user owns in that user’s partition, and conversation groups under the user id', () => {
    fc.assert(
      fc.property(id, id, id, (userId, conversationId, generationId) => {
        const partition = keys.userPartition(userId);
        const owned = [
          keys.profile(userId),
          keys.conversation(userId, conversationId),
          keys.generation(userId, conversationId, generationId),
          keys.image(userId, generationId),
          keys.upload(userId, generationId),
          keys.idempotency(userId, generationId),
        ];
        expect(owned.every((key) => key.pk === partition)).toBe(true);
        expect(keys.generation(userId, conversationId, generationId).gsi1pk.startsWith(`${partition}#`)).toBe(true);
      }),
    );
  });

  it('sorts a conversation ahead of its generations in its gsi1 group', () => {
    const conversation = keys.conversation('u1234567890', 'c1234567890');
    const generation = keys.generation('u1234567890', 'c1234567890', '00000000000');
    expect(conversation.gsi1pk).toBe(generation.gsi1pk);
    expect(conversation.gsi1sk < generation.gsi1sk).toBe(true);
    expect(generation.gsi1sk.startsWith(keys.sortKeyPrefix.generation)).toBe(true);
  });
});

describe('pending work and its item', () => {
  const anyWork = fc.oneof(
    fc.record({ kind: fc.constant('generation' as const), userId: id, generationId: id }),
    fc.record({ kind: fc.constant('account-deletion' as const), userId: id }),
    fc.record({ kind: fc.constant('conversation-deletion' as const), userId: id, conversationId: id }),
  );

  it('reads back from an item key exactly the work that key stands for', () => {
    fc.assert(fc.property(anyWork, (work) => expect(keys.pendingWorkOf(keys.pendingWorkKey(work))).toEqual(work)));
  });

  it('reads no work from items outside user partitions or of kinds the outbox never holds', () => {
    expect(keys.pendingWorkOf(keys.retainedAccount('hash'))).toBeUndefined();
    expect(keys.pendingWorkOf(keys.image('u1', 'img1'))).toBeUndefined();
    expect(keys.pendingWorkOf({ pk: 42, sk: 'PROFILE' })).toBeUndefined();
  });
});
