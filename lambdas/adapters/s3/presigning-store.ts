/**
 * The ObjectStore's presigning half: GET links (./image-links.ts) and upload forms, a POST
 * policy signed with SigV4 (./presign-post.ts), valid 5 minutes. Both are computed locally with
 * the function's own credentials; nothing is sent to S3. POST /v1/uploads only ever presigns
 * uploads, so it is wired with `uploadPresigner` alone and its bundle carries no S3 requests at
 * all (like the read routes); the full store (./object-store.ts) builds on `presigning`.
 */
import type { ObjectStore } from '../../domain/storage/ports';
import { imagesConfig } from '../../shared/config';
import { imageLinks } from './image-links';
import { postPresigner } from './presign-post';

export const uploadPolicyLifetimeSeconds = 300;

type Presigning = Pick<ObjectStore, 'presignGet' | 'presignUpload'>;

export function presigning(): Presigning {
  return {
    presignGet: (key) => imageLinks().presignGet(key),
    ...uploadPresigner(),
  };
}

/**
 * Upload forms alone: POST /v1/uploads is wired with this, so its bundle carries no GET presigning and no S3 requests.
 */
export function uploadPresigner(): Pick<ObjectStore, 'presignUpload'> {
  const config = imagesConfig();
  const presignPost = postPresigner({
    bucket: config.IMAGES_BUCKET,
    region: config.AWS_REGION,
    endpoint: config.AWS_ENDPOINT_URL_S3,
  });
  return {
    async presignUpload(key, contentType, maxBytes) {
      const now = new Date();
      const { url, fields } = await presignPost({
        key,
        contentType,
        minBytes: 1,
        maxBytes,
        expiresInSeconds: uploadPolicyLifetimeSeconds,
        now,
      });
      return { url, fields, expiresAt: new Date(now.getTime() + uploadPolicyLifetimeSeconds * 1000).toISOString() };
    },
  };
}
