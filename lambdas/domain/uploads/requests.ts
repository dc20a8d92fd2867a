/**
 * The body of POST /v1/uploads.
 * Apart from the domain module: esbuild keeps a module-level valibot schema even where nothing
 * reads it, so beside the view code it would ride in every handler that shows one.
 */
import * as v from 'valibot';
import { plainObject } from '../../shared/validation';
import { uploadContentTypes } from './upload';

export const createUploadSchema = plainObject(v.strictObject({ contentType: v.picklist(uploadContentTypes) }));
export type CreateUploadRequest = v.InferOutput<typeof createUploadSchema>;
