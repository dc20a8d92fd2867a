/**
 * Share links as use cases, over in-memory ports with the adapters' rules: creating (the token
 * shown once, only its hash kept, the limit, the refusals), listing (never a token), revoking
 * (idempotent, another person's link is not found) and opening (the one answer for every dead
 * share).
 */
import type { ImageRecord } from '../../../lambdas/domain/images/image';
import { createShareLink, type CreateShareLinkDeps } from '../../../lambdas/domain/shares/create-share-link';
import { findLiveShare, liveShares, openShare, openSharedImage } from '../../../lambdas/domain/shares/find-live-share';
import { listMyShareLinks } from '../../../lambdas/domain/shares/list-my-share-links';
import { revokeShareLink } from '../../../lambdas/domain/shares/revoke-share-link';
import { maxShareLinksPerImage } from '../../../lambdas/domain/shares/share-link';
import { hashShareToken, newShareToken } from '../../../lambdas/domain/shares/share-token';
import { AccountInactiveError, ConflictError, NotFoundError } from '../../../lambdas/shared/errors';
import { MemoryShareLinks } from '../../fixtures/memory-share-links';

const image: ImageRecord = {
  imageId: 'img-0123456789',
  userId: 'ann',
  objectKey: 'users/ann/conversations/conv-0123456789/img-0123456789.png',
  width: 1344,
  height: 768,
  conversationId: 'conv-0123456789',
  generationId: 'gen-0123456789',
  createdAt: '2026-12-01T10:00:00.000Z',
};

const baseUrl = 'https://api.example.test';

function given(options: { title?: string } = {}) {
  const store = new MemoryShareLinks();
  store.addImage(image, options);
  let clock = new Date('2026-12-03T12:00:00.000Z');
  let sequence = 0;
  const deps: CreateShareLinkDeps = {
    links: store,
    now: () => clock,
    newLinkId: () => {
      sequence += 1;
      return `link-${String(sequence).padStart(10, '0')}`;
    },
    newToken: newShareToken,
  };
  const targets = { targets: store, now: () => clock };
  const advance = (seconds: number) => {
    clock = new Date(clock.getTime() + seconds * 1000);
  };
  const create = (input: { expiresInSeconds?: number; userId?: string; imageId?: string } = {}) =>
    createShareLink(deps, input.userId ?? 'ann', {
      imageId: input.imageId ?? image.imageId,
      expiresInSeconds: input.expiresInSeconds,
      baseUrl,
    });
  return { store, deps, targets, advance, create };
}

describe('createShareLink', () => {
  it('answers the token and its URL once, and keeps only the hash of the token', async () => {
    const { store, create } = given();

    const created = await create();

    expect(created).toEqual({
      linkId: 'link-0000000001',
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      url: `${baseUrl}/s/${created.token}`,
      createdAt: '2026-12-03T12:00:00.000Z',
    });
    const stored = store.links.get(created.linkId)!;
    expect(stored.tokenHash).toBe(hashShareToken(created.token));
    expect(JSON.stringify([...store.links.values(), ...store.tokens.entries()])).not.toContain(created.token);
    expect(store.images.get(image.imageId)?.shareLinkCount).toBe(1);
  });

  it('sets the expiry the request asks for, counted from now', async () => {
    const { create } = given();
    const created = await create({ expiresInSeconds: 3600 });
    expect(created.expiresAt).toBe('2026-12-03T13:00:00.000Z');
  });

  it(`refuses link ${maxShareLinksPerImage + 1} with share_link_limit; a revoked one frees its place`, async () => {
    const { store, deps, create } = given();
    const made = [];
    for (let i = 0; i < maxShareLinksPerImage; i += 1) made.push(await create());

    const refused = create();
    await expect(refused).rejects.toBeInstanceOf(ConflictError);
    await expect(refused).rejects.toMatchObject({ code: 'share_link_limit' });
    expect(store.links.size).toBe(maxShareLinksPerImage);

    await revokeShareLink({ links: store, now: deps.now }, 'ann', made[0].linkId);
    await expect(create()).resolves.toMatchObject({ linkId: expect.any(String) });
  });

  it("answers 404 for another person's image and writes nothing", async () => {
    const { store, create } = given();
    store.accounts.set('bob', 'ACTIVE');
    await expect(create({ userId: 'bob' })).rejects.toBeInstanceOf(NotFoundError);
    expect(store.writes).toEqual([]);
  });

  it('answers 404 for a taken-down image and writes nothing', async () => {
    const { store, create } = given();
    store.images.get(image.imageId)!.takenDownAt = '2026-12-03T11:00:00.000Z';
    await expect(create()).rejects.toBeInstanceOf(NotFoundError);
    expect(store.writes).toEqual([]);
  });

  it('refuses an account that is being deleted, and writes nothing', async () => {
    const { store, create } = given();
    store.accounts.set('ann', 'DELETING');
    await expect(create()).rejects.toBeInstanceOf(AccountInactiveError);
    expect(store.writes).toEqual([]);
  });
});

describe('listMyShareLinks', () => {
  it('lists the caller’s links newest first with their state, and never a token', async () => {
    const { store, deps, create, advance } = given();
    const short = await create({ expiresInSeconds: 60 });
    const revoked = await create();
    const live = await create();
    await revokeShareLink({ links: store, now: deps.now }, 'ann', revoked.linkId);
    advance(61);

    const page = await listMyShareLinks({ links: store, now: deps.now }, 'ann', { limit: 20 });

    expect(page.shareLinks.map((link) => [link.linkId, link.state])).toEqual([
      [live.linkId, 'live'],
      [revoked.linkId, 'revoked'],
      [short.linkId, 'expired'],
    ]);
    const text = JSON.stringify(page);
    for (const token of [short.token, revoked.token, live.token]) expect(text).not.toContain(token);
    expect(text).not.toContain('tokenHash');
  });

  it('shows another person nothing', async () => {
    const { store, deps, create } = given();
    await create();
    store.accounts.set('bob', 'ACTIVE');
    expect(await listMyShareLinks({ links: store, now: deps.now }, 'bob', { limit: 20 })).toEqual({
      shareLinks: [],
      nextCursor: null,
    });
  });
});

describe('revokeShareLink', () => {
  it('stops the link at once and counts it down; revoking again is success and changes nothing', async () => {
    const { store, deps, targets, create } = given();
    const created = await create();
    expect(await findLiveShare(targets, created.token)).toBeDefined();

    await revokeShareLink({ links: store, now: deps.now }, 'ann', created.linkId);
    await revokeShareLink({ links: store, now: deps.now }, 'ann', created.linkId);

    expect(await findLiveShare(targets, created.token)).toBeUndefined();
    expect(store.images.get(image.imageId)?.shareLinkCount).toBe(0);
    expect(store.writes.filter((write) => write.startsWith('revoke'))).toHaveLength(1);
  });

  it("answers 404 to another person and leaves the owner's link live", async () => {
    const { store, deps, targets, create } = given();
    const created = await create();
    store.accounts.set('bob', 'ACTIVE');

    await expect(revokeShareLink({ links: store, now: deps.now }, 'bob', created.linkId)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(await findLiveShare(targets, created.token)).toEqual({
      ownerId: 'ann',
      imageId: image.imageId,
      linkId: created.linkId,
    });
  });
});

describe('findLiveShare and the public routes', () => {
  it('opens a live share: its one image, its conversation title, a fresh link to the object', async () => {
    const { store, targets, create } = given({ title: 'Lighthouses' });
    const created = await create();
    const presigned: string[] = [];
    const objects = {
      async presignGet(key: string) {
        presigned.push(key);
        return { url: `https://bucket.example/${key}?sig`, expiresAt: '2026-12-03T12:10:00.000Z' };
      },
    };

    expect(await openShare(targets, created.token)).toMatchObject({ title: 'Lighthouses', width: 1344 });
    expect(await openSharedImage({ ...targets, objects }, created.token)).toEqual({
      url: `https://bucket.example/${image.objectKey}?sig`,
      expiresAt: '2026-12-03T12:10:00.000Z',
    });
    expect(presigned).toEqual([image.objectKey]);
    expect(store.writes).toEqual([`create ${created.linkId}`]);
  });

  type Dead = (world: ReturnType<typeof given>, linkId: string) => Promise<void> | void;
  const deadShares: Array<[string, Dead]> = [
    ['revoked', (world, linkId) => revokeShareLink({ links: world.store, now: world.deps.now }, 'ann', linkId)],
    ['expired', (world) => world.advance(3601)],
    [
      'taken down',
      (world) => {
        world.store.images.get(image.imageId)!.takenDownAt = '2026-12-03T12:30:00Z';
      },
    ],
    ['of a deleted image', (world) => void world.store.images.delete(image.imageId)],
    [
      'of a conversation being deleted',
      (world) => void world.store.conversations.set(image.conversationId, { status: 'DELETING' }),
    ],
    ['of an account being deleted', (world) => void world.store.accounts.set('ann', 'DELETING')],
    ['of a disabled account', (world) => void world.store.accounts.set('ann', 'DISABLED')],
  ];

  it.each(deadShares)('answers the same 404 for a share %s, on the page and the image', async (_, kill) => {
    const world = given();
    const created = await world.create({ expiresInSeconds: 3600 });
    await kill(world, created.linkId);
    const objects = { presignGet: jest.fn() };

    expect(await findLiveShare(world.targets, created.token)).toBeUndefined();
    const page = openShare(world.targets, created.token);
    const picture = openSharedImage({ ...world.targets, objects }, created.token);
    await expect(page).rejects.toThrow(new NotFoundError('No such share.'));
    await expect(picture).rejects.toThrow(new NotFoundError('No such share.'));
    expect(objects.presignGet).not.toHaveBeenCalled();
  });

  it.each(['', 'short', `${'x'.repeat(43)}=`, '../../etc/passwd', 'A'.repeat(44)])(
    'answers the same 404 for a token Pictor could not have issued (%j), without a read',
    async (token) => {
      const store = { liveTarget: jest.fn() };
      await expect(openShare({ targets: store, now: () => new Date() }, token)).rejects.toThrow(
        new NotFoundError('No such share.'),
      );
      expect(store.liveTarget).not.toHaveBeenCalled();
    },
  );

  it('gives the reports part a port of the agreed shape', async () => {
    const { targets, create } = given();
    const created = await create();
    const port = liveShares(targets);
    expect(await port.findLiveShare(created.token)).toEqual({
      ownerId: 'ann',
      imageId: image.imageId,
      linkId: created.linkId,
    });
    expect(await port.findLiveShare(newShareToken())).toBeUndefined();
  });
});
