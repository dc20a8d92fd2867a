/**
 * Fresh presigned GET URLs, minted on every read and never stored (SECURITY F1): 10 minutes,
 * within the 15 the design allows. The one place their lifetime is decided; the full object
 * store (./object-store.ts) presigns through here too.
 */
import type { ImageLinks } from '../../domain/storage/ports';
import { imagesConfig } from '../../shared/config';
import { getPresigner } from './presign-get';

export const getUrlLifetimeSeconds = 600;

let links: ImageLinks | undefined;

export function imageLinks(): ImageLinks {
  if (!links) {
    const config = imagesConfig();
    const presign = getPresigner({
      bucket: config.IMAGES_BUCKET,
      region: config.AWS_REGION,
      endpoint: config.AWS_ENDPOINT_URL_S3,
    });
    links = {
      async presignGet(key) {
        const issued = Date.now();
        const url = await presign(key, getUrlLifetimeSeconds, new Date(issued));
        return { url, expiresAt: new Date(issued + getUrlLifetimeSeconds * 1000).toISOString() };
      },
    };
  }
  return links;
}
