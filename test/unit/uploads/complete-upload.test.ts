/**
 * Completing an upload when the account stops being ACTIVE while the bytes are being checked:
 * the settling write's account guard refuses (SECURITY B4), and nothing more is done. And when
 * the checker cannot run at all, nothing is settled or deleted.
 */
import type { AccountRefusal } from '../../../lambdas/domain/profile/ports';
import type { Upload } from '../../../lambdas/domain/uploads/upload';
import { completeUpload, type CompleteUploadDeps } from '../../../lambdas/domain/uploads/complete-upload';

const pending: Upload = {
  uploadId: 'up-0123456789',
  userId: 'ann',
  status: 'PENDING',
  contentType: 'image/png',
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T10:00:00.000Z',
  expiresAt: Date.UTC(2026, 10, 23, 10) / 1000,
};

function given(settle: { outcome: 'settled' } | { outcome: 'not_pending' } | AccountRefusal) {
  const log: string[] = [];
  const deps = {
    uploads: {
      get: async () => ({ account: { status: 'ACTIVE' as const }, item: pending }),
      create: async () => ({ outcome: 'created' as const }),
      settle: async () => {
        log.push('settle');
        return settle;
      },
    },
    objects: {
      getBytes: async () => ({ bytes: new Uint8Array([1]) }),
      putPng: async (key: string) => void log.push(`put ${key}`),
      deleteKeys: async (keys: readonly string[]) => void log.push(`delete ${keys.join()}`),
      presignGet: async () => ({ url: 'https://example.test/validated.png', expiresAt: '2026-11-22T12:10:00.000Z' }),
    },
    normalizeImage: async () => ({ ok: true as const, png: new Uint8Array([2]), width: 8, height: 8 }),
    now: () => new Date('2026-11-22T12:00:00.000Z'),
  } as unknown as CompleteUploadDeps; // only what completing reads: no profile deps, no presigned POSTs
  return { deps, log };
}

describe('completeUpload', () => {
  it('refuses with 403 when the settling write finds the account DELETING, and keeps the original', async () => {
    const { deps, log } = given({ outcome: 'inactive', status: 'DELETING' });

    await expect(completeUpload(deps, 'ann', pending.uploadId)).rejects.toMatchObject({ code: 'account_deleting' });
    expect(log).toEqual(['put uploads/ann/up-0123456789/validated.png', 'settle']);
  });

  it('answers 404 when the profile is gone by the time it settles', async () => {
    const { deps } = given({ outcome: 'profile_missing' });

    await expect(completeUpload(deps, 'ann', pending.uploadId)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('settles and deletes the original on the primary course', async () => {
    const { deps, log } = given({ outcome: 'settled' });

    await expect(completeUpload(deps, 'ann', pending.uploadId)).resolves.toMatchObject({
      status: 'READY',
      width: 8,
      height: 8,
    });
    expect(log).toEqual([
      'put uploads/ann/up-0123456789/validated.png',
      'settle',
      'delete uploads/ann/up-0123456789/original',
    ]);
  });

  it(
    'settles nothing and keeps the original when the image ' + 'checker itself fails, so the call can be repeated',
    async () => {
      const { deps, log } = given({ outcome: 'settled' });
      const decoderDown = Object.assign(
        new Error("ENOENT: no such file or directory, open '/var/task/webp_dec-X.wasm'"),
        { code: 'ENOENT' },
      );
      deps.normalizeImage = async () => {
        throw decoderDown;
      };

      await expect(completeUpload(deps, 'ann', pending.uploadId)).rejects.toBe(decoderDown);
      expect(log).toEqual([]);
    },
  );
});
