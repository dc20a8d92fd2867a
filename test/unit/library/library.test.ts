/**
 * The library as use cases, over in-memory ports: how an image is shown (favorite, share links,
 * taken down), the library and favorites pages, and favoriting, each refused for an account
 * that is not ACTIVE and answering 404 for an image that is not the caller's.
 */
import { favoriteImage } from '../../../lambdas/domain/images/favorite-image';
import { getMyImage } from '../../../lambdas/domain/images/get-my-image';
import type { ImageRecord } from '../../../lambdas/domain/images/image';
import { toLibraryImageView } from '../../../lambdas/domain/images/image-view';
import { listMyImages } from '../../../lambdas/domain/images/list-my-images';
import { unfavoriteImage } from '../../../lambdas/domain/images/unfavorite-image';
import { AccountInactiveError, NotFoundError } from '../../../lambdas/shared/errors';
import { countingLinks, MemoryImageLibrary } from '../../fixtures/memory-image-library';

const imageOf = (owner: string, n: number, extra: Partial<ImageRecord> = {}): ImageRecord => ({
  imageId: `img-${owner}-${n}`,
  userId: owner,
  objectKey: `users/${owner}/conversations/conv-1/img-${n}.png`,
  width: 64,
  height: 48,
  conversationId: 'conv-1',
  generationId: `gen-${n}`,
  createdAt: `2026-11-2${n}T10:00:00.000Z`,
  ...extra,
});

const clock = (iso: string) => () => new Date(iso);

describe('the image view', () => {
  it('shows an available image with its fresh URL, not a favorite and no share links by default', () => {
    const view = toLibraryImageView(imageOf('ann', 1), { url: 'https://signed', expiresAt: '2026-12-01T00:10:00Z' });

    expect(view).toEqual({
      id: 'img-ann-1',
      status: 'available',
      url: 'https://signed',
      urlExpiresAt: '2026-12-01T00:10:00Z',
      width: 64,
      height: 48,
      contentType: 'image/png',
      conversationId: 'conv-1',
      generationId: 'gen-1',
      createdAt: '2026-11-21T10:00:00.000Z',
      favorite: false,
      favoritedAt: null,
      shareLinks: 0,
    });
  });

  it('counts the live share links the share routes keep on the image', () => {
    const view = toLibraryImageView(imageOf('ann', 1, { shareLinkCount: 3 }), { url: 'u', expiresAt: 'e' });

    expect(view.shareLinks).toBe(3);
  });

  it('shows a taken-down image as removed, with the reason and time and no URL at all', async () => {
    const links = countingLinks();
    const library = new MemoryImageLibrary().add(
      imageOf('ann', 1, { takenDownAt: '2026-11-30T09:00:00.000Z', takedownReason: 'violence', favoritedAt: 'x' }),
    );

    const view = await getMyImage({ images: library, objects: links }, 'ann', 'img-ann-1');

    expect(view).toMatchObject({ status: 'removed', removal: { reason: 'violence', at: '2026-11-30T09:00:00.000Z' } });
    expect(view).not.toHaveProperty('url');
    expect(view).not.toHaveProperty('urlExpiresAt');
    expect(links.minted).toEqual([]);
  });
});

describe('listMyImages', () => {
  const library = () =>
    new MemoryImageLibrary().add(
      imageOf('ann', 1, { favoritedAt: '2026-11-29T08:00:00.000Z' }),
      imageOf('ann', 2),
      imageOf('ann', 3, { favoritedAt: '2026-11-28T08:00:00.000Z' }),
      imageOf('bob', 4, { favoritedAt: '2026-11-30T08:00:00.000Z' }),
    );

  it("lists the caller's images newest first, a page at a time, and never another person's", async () => {
    const deps = { library: library(), objects: countingLinks() };

    const first = await listMyImages(deps, 'ann', { limit: 2, favorites: false });
    const second = await listMyImages(deps, 'ann', { limit: 2, favorites: false, cursor: first.nextCursor! });

    expect(first.images.map((image) => image.id)).toEqual(['img-ann-3', 'img-ann-2']);
    expect(second.images.map((image) => image.id)).toEqual(['img-ann-1']);
    expect(second.nextCursor).toBeNull();
  });

  it('lists only the favorites, newest favorite first, when asked', async () => {
    const deps = { library: library(), objects: countingLinks() };

    const page = await listMyImages(deps, 'ann', { limit: 20, favorites: true });

    expect(page.images.map((image) => [image.id, image.favorite])).toEqual([
      ['img-ann-1', true],
      ['img-ann-3', true],
    ]);
    expect(deps.library.calls).toEqual(['list favorites']);
  });

  it('mints a URL for every available image on the page and none for a removed one', async () => {
    const store = new MemoryImageLibrary().add(
      imageOf('ann', 1),
      imageOf('ann', 2, { takenDownAt: '2026-11-30T00:00:00.000Z', takedownReason: 'sexual' }),
    );
    const links = countingLinks();

    const page = await listMyImages({ library: store, objects: links }, 'ann', { limit: 20, favorites: false });

    expect(page.images.map((image) => image.status)).toEqual(['removed', 'available']);
    expect(links.minted).toEqual([imageOf('ann', 1).objectKey]);
  });

  it('answers an empty list to a person with no profile yet', async () => {
    const store = library();
    store.account = undefined;

    const page = await listMyImages({ library: store, objects: countingLinks() }, 'ann', {
      limit: 20,
      favorites: false,
    });

    expect(page).toEqual({ images: [], nextCursor: null });
  });

  it.each(['DELETING', 'DISABLED'] as const)('refuses an account that is %s', async (status) => {
    const store = library();
    store.account = { status };

    await expect(
      listMyImages({ library: store, objects: countingLinks() }, 'ann', { limit: 20, favorites: true }),
    ).rejects.toThrow(AccountInactiveError);
  });
});

describe('favoriteImage and unfavoriteImage', () => {
  it('makes an image a favorite from now and answers its view', async () => {
    const store = new MemoryImageLibrary().add(imageOf('ann', 1));
    const deps = { favorites: store, objects: countingLinks(), now: clock('2026-12-01T12:00:00.000Z') };

    const view = await favoriteImage(deps, 'ann', 'img-ann-1');

    expect(view).toMatchObject({ id: 'img-ann-1', favorite: true, favoritedAt: '2026-12-01T12:00:00.000Z' });
    expect(store.images.get('img-ann-1')?.favoritedAt).toBe('2026-12-01T12:00:00.000Z');
  });

  it('keeps the first favorite time when asked again, so a retry never reorders the favorites', async () => {
    const store = new MemoryImageLibrary().add(imageOf('ann', 1, { favoritedAt: '2026-11-01T00:00:00.000Z' }));
    const deps = { favorites: store, objects: countingLinks(), now: clock('2026-12-01T12:00:00.000Z') };

    const view = await favoriteImage(deps, 'ann', 'img-ann-1');

    expect(view.favoritedAt).toBe('2026-11-01T00:00:00.000Z');
  });

  it('unfavorites, and unfavoriting what is not a favorite is success', async () => {
    const store = new MemoryImageLibrary().add(imageOf('ann', 1, { favoritedAt: '2026-11-01T00:00:00.000Z' }));
    const deps = { favorites: store, objects: countingLinks() };

    const once = await unfavoriteImage(deps, 'ann', 'img-ann-1');
    const twice = await unfavoriteImage(deps, 'ann', 'img-ann-1');

    expect([once.favorite, twice.favorite]).toEqual([false, false]);
    expect(store.images.get('img-ann-1')).not.toHaveProperty('favoritedAt');
  });

  it("answers 404 for another person's image and changes nothing", async () => {
    const store = new MemoryImageLibrary().add(imageOf('bob', 1));
    const deps = { favorites: store, objects: countingLinks(), now: clock('2026-12-01T12:00:00.000Z') };

    await expect(favoriteImage(deps, 'ann', 'img-bob-1')).rejects.toThrow(NotFoundError);
    await expect(unfavoriteImage(deps, 'ann', 'img-bob-1')).rejects.toThrow(NotFoundError);
    expect(store.images.get('img-bob-1')).toEqual(imageOf('bob', 1));
  });

  it('refuses an account being deleted and changes nothing', async () => {
    const store = new MemoryImageLibrary().add(imageOf('ann', 1));
    store.account = { status: 'DELETING' };
    const deps = { favorites: store, objects: countingLinks(), now: clock('2026-12-01T12:00:00.000Z') };

    await expect(favoriteImage(deps, 'ann', 'img-ann-1')).rejects.toThrow(AccountInactiveError);
    expect(store.images.get('img-ann-1')).toEqual(imageOf('ann', 1));
  });
});
