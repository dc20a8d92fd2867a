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
          keys.actionEntry(
            { userId, conversationId: otherId, generationId: otherId, imageId: otherId },
            at.toISOString(),
            otherId,
          ).sk,
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

describe('the library keys (issue 11)', () => {
  it("keeps a user's library, favorites and action entries under that user's id", () => {
    fc.assert(
      fc.property(
        id,
        id,
        id,
        id,
        fc.date({ noInvalidDate: true }),
        (userId, conversationId, generationId, imageId, at) => {
          const partition = keys.userPartition(userId);
          const image = { userId, conversationId, generationId, imageId };
          const entry = keys.actionEntry(image, at.toISOString(), imageId);
          expect(entry.pk).toBe(partition);
          expect(entry.sk.startsWith(keys.actionsOfImage(userId, imageId).prefix)).toBe(true);
          expect(entry.gsi1pk).toBe(keys.conversationGroup(userId, conversationId).gsi1pk);
          expect(keys.libraryEntry(userId, at.toISOString(), imageId).gsi1pk).toBe(keys.library(userId).gsi1pk);
          expect(keys.library(userId).gsi1pk.startsWith(`${partition}#`)).toBe(true);
          expect(keys.favoriteEntry(userId, at.toISOString(), imageId).favoritesPk).toBe(
            keys.favorites(userId).favoritesPk,
          );
          expect(keys.favorites(userId).favoritesPk.startsWith(`${partition}#`)).toBe(true);
        },
      ),
    );
  });

  it('keys a counter shard by day, type, model and shard alone', () => {
    expect(keys.actionCounter('2026-12-01', 'save', 'stable-image-core', 3)).toEqual({
      pk: 'ACTION_COUNTS#2026-12-01',
      sk: 'save#stable-image-core#3',
    });
  });

  it(
    "files an action entry under its generation in the conversation's " +
      "group, where the conversation's deletion finds it",
    () => {
      const image = {
        userId: 'u1234567890',
        conversationId: 'c1234567890',
        generationId: 'g1234567890',
        imageId: 'i1',
      };
      const entry = keys.actionEntry(image, '2026-12-01T00:00:00.000Z', 'a1');
      const generation = keys.generation(image.userId, image.conversationId, image.generationId);
      expect(entry.gsi1sk.startsWith(keys.sortKeyPrefix.generation)).toBe(true);
      expect(entry.gsi1sk > generation.gsi1sk).toBe(true);
    },
  );

  it('orders the library and the favorites by time, then image id', () => {
    const older = keys.libraryEntry('u1', '2026-11-01T00:00:00.000Z', 'zzz').gsi1sk;
    const newer = keys.libraryEntry('u1', '2026-12-01T00:00:00.000Z', 'aaa').gsi1sk;
    expect(older < newer).toBe(true);
    expect(
      keys.favoriteEntry('u1', '2026-11-01T00:00:00.000Z', 'zzz').favoritesSk <
        keys.favoriteEntry('u1', '2026-12-01T00:00:00.000Z', 'aaa').favoritesSk,
    ).toBe(true);
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
