/** Download links of ready exports: presigned GETs minted per read, saved under a readable file name. */
import type { ExportLinks } from '../../domain/export/ports';
import { imagesConfig } from '../../shared/config';
import { getPresigner } from './presign-get';

export function exportLinks(): ExportLinks {
  const config = imagesConfig();
  const presign = getPresigner({
    bucket: config.IMAGES_BUCKET,
    region: config.AWS_REGION,
    endpoint: config.AWS_ENDPOINT_URL_S3,
  });
  return {
    downloadUrl: (key, fileName, expiresInSeconds) => presign(key, expiresInSeconds, new Date(), fileName),
  };
}
