/**
 * The query of GET /v1/images. Its own module, apart from the action log's body (requests.ts):
 * esbuild keeps a module-level valibot schema even where nothing reads it.
 */
import * as v from 'valibot';
import { pageQuerySchema } from '../../shared/http/page-query';
import { boundedString } from '../../shared/validation';

/** GET /v1/images: the page, and `favorites=true` for the favorites only (newest favorite first). */
export const listImagesQuerySchema = v.object({
  ...pageQuerySchema.entries,
  favorites: v.optional(
    v.pipe(
      boundedString(5),
      v.check((value) => value === 'true' || value === 'false', 'must be true or false'),
      v.transform((value) => value === 'true'),
    ),
    'false',
  ),
});
export type ListImagesQuery = v.InferOutput<typeof listImagesQuerySchema>;
