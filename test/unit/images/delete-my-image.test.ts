/**
 * DELETE /v1/images/{id} as a use case: the object's removal is queued before the items let go
 * of it (so it can never be orphaned), and every refusal says why without writing anything.
 */
import {
  deleteMyImage,
  type DeleteMyImageDeps as DeleteImageDeps,
} from '../../../lambdas/domain/images/delete-my-image';
import type { ImageRecord } from '../../../lambdas/domain/images/image';
import type { ImageStore, RemoveImageOutcome } from '../../../lambdas/domain/images/ports';
import type { AccountSeen } from '../../../lambdas/domain/profile/account-status';
import type { CleanupJob } from '../../../lambdas/domain/storage/cleanup-job';
import { NotFoundError } from '../../../lambdas/shared/errors';

const image: ImageRecord = {
  imageId: 'img-0123456789',
  userId: 'ann',
  objectKey: 'users/ann/conversations/conv-1/img-0123456789.png',
  width: 64,
  height: 64,
  conversationId: 'conv-1',
  generationId: 'gen-1',
  createdAt: '2026-11-22T10:00:00.000Z',
};

function given(
  options: { account?: AccountSeen; stored?: ImageRecord; removal?: RemoveImageOutcome; enqueueFails?: boolean } = {},
) {
  const log: string[] = [];
  const jobs: CleanupJob[] = [];
  const images: ImageStore = {
    async get(userId, imageId) {
      log.push(`get ${userId} ${imageId}`);
      return {
        account: 'account' in options ? options.account : { status: 'ACTIVE' },
        item: 'stored' in options ? options.stored : image,
      };
    },
    async remove(removed, now) {
      log.push(`remove ${removed.imageId} at ${now}`);
      return options.removal ?? { outcome: 'removed' };
    },
  };
  const deps: DeleteImageDeps = {
    images,
    actionLog: {
      async removeForImage(userId, imageId) {
        log.push(`remove actions of ${userId} ${imageId}`);
        return 1;
      },
    },
    cleanup: {
      async enqueue(job) {
        if (options.enqueueFails) throw new Error('SQS is down');
        log.push(`enqueue ${JSON.stringify(job)}`);
        jobs.push(job);
      },
    },
    now: () => new Date('2026-11-22T12:00:00.000Z'),
  };
  return { deps, log, jobs };
}

describe('deleteMyImage', () => {
  it("queues the object's removal, then removes the items", async () => {
    const { deps, log } = given();

    await deleteMyImage(deps, 'ann', image.imageId);

    expect(log).toEqual([
      `get ann ${image.imageId}`,
      `enqueue {"keys":["${image.objectKey}"]}`,
      `remove ${image.imageId} at 2026-11-22T12:00:00.000Z`,
    ]);
  });

  it('removes the action-log entries of an image that has some, after the image item', async () => {
    const { deps, log } = given({ stored: { ...image, actionCount: 2 } });

    await deleteMyImage(deps, 'ann', image.imageId);

    expect(log).toEqual([
      `get ann ${image.imageId}`,
      `enqueue {"keys":["${image.objectKey}"]}`,
      `remove ${image.imageId} at 2026-11-22T12:00:00.000Z`,
      `remove actions of ann ${image.imageId}`,
    ]);
  });

  it('leaves the action log alone when the image was refused', async () => {
    const { deps, log } = given({ stored: { ...image, actionCount: 2 }, removal: { outcome: 'missing' } });

    await expect(deleteMyImage(deps, 'ann', image.imageId)).rejects.toThrow(NotFoundError);
    expect(log).not.toContain(`remove actions of ann ${image.imageId}`);
  });

  it('writes nothing when the queue cannot take the job: the image stays whole, and the client may retry', async () => {
    const { deps, log } = given({ enqueueFails: true });

    await expect(deleteMyImage(deps, 'ann', image.imageId)).rejects.toThrow('SQS is down');
    expect(log).toEqual([`get ann ${image.imageId}`]);
  });

  it.each([
    ['no such image', { stored: undefined }],
    ['no profile (nobody owns anything)', { account: undefined }],
  ])('answers 404 for %s and queues nothing', async (_case, options) => {
    const { deps, jobs, log } = given(options);

    await expect(deleteMyImage(deps, 'ann', image.imageId)).rejects.toBeInstanceOf(NotFoundError);
    expect(jobs).toEqual([]);
    expect(log).toHaveLength(1);
  });

  it.each(['DELETING', 'DELETED', 'DISABLED'] as const)(
    'refuses a %s account before queueing anything',
    async (status) => {
      const { deps, jobs, log } = given({ account: { status } });

      await expect(deleteMyImage(deps, 'ann', image.imageId)).rejects.toMatchObject({
        name: 'AccountInactiveError',
        status,
      });
      expect(jobs).toEqual([]);
      expect(log).toHaveLength(1);
    },
  );

  it('refuses when the account stopped being ACTIVE between the read and the transaction', async () => {
    const { deps } = given({ removal: { outcome: 'inactive', status: 'DELETING' } });

    await expect(deleteMyImage(deps, 'ann', image.imageId)).rejects.toMatchObject({ code: 'account_deleting' });
  });

  it.each([
    ['gone or in a conversation being deleted', { outcome: 'missing' } as const],
    ['no profile any more', { outcome: 'profile_missing' } as const],
  ])('answers 404 when the transaction finds the image %s', async (_case, removal) => {
    const { deps } = given({ removal });

    await expect(deleteMyImage(deps, 'ann', image.imageId)).rejects.toBeInstanceOf(NotFoundError);
  });
});
