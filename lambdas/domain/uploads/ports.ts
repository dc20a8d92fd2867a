/**
 * The upload area's ports: what its use cases need from storage (the DynamoDB adapters, each
 * method one request, split by route) and from the image codecs. Unit tests use in-memory ones.
 * Types only.
 */
import type { OwnedRead } from '../profile/account-status';
import type { AccountRefusal } from '../profile/ports';
import type { Upload } from './upload';

/** What showing an upload needs (GET /v1/uploads/{id}). */
export interface UploadReadStore {
  /** The upload (none when absent or expired) with its owner's account status, read together (SECURITY B4). */
  get(userId: string, uploadId: string, nowEpochSeconds: number): Promise<OwnedRead<Upload>>;
}

/** What creating an upload needs (POST /v1/uploads). */
export interface UploadCreationStore {
  /** Puts a PENDING upload if the account is active. */
  create(upload: Upload): Promise<{ outcome: 'created' } | AccountRefusal>;
}

/** What completing an upload needs: read it, then settle it. */
export interface UploadStore extends UploadReadStore {
  /** PENDING → READY or REJECTED if the account is active; `not_pending` when another completion settled it first. */
  settle(
    upload: Upload,
    result: Pick<Upload, 'status' | 'width' | 'height' | 'rejection'>,
    now: string,
  ): Promise<{ outcome: 'settled' } | { outcome: 'not_pending' } | AccountRefusal>;
}

/** What checking an upload's bytes concluded: a clean re-encoded PNG, or why the bytes are refused. */
export type ImageCheck =
  | { ok: true; png: Uint8Array; width: number; height: number }
  | { ok: false; code: string; message: string };

/** Decodes, checks and re-encodes an upload's bytes (lambdas/adapters/images/reference-image.ts). */
export type ImageNormalizer = (bytes: Uint8Array) => Promise<ImageCheck>;
