/**
 * A reference upload: bytes a person sends straight to S3 with a presigned POST, which become
 * usable only after Pictor decodes them, re-encodes them without metadata and marks them READY.
 *
 *   PENDING ──complete──▶ READY      (validated PNG kept for a day, usable by generations)
 *      ╰──────complete──▶ REJECTED   (not an allowed image; the bytes are deleted)
 */
import { lifetimeDays } from '../retention/lifetimes';

export type UploadStatus = 'PENDING' | 'READY' | 'REJECTED';

/** What the presigned POST admits; the bytes are still decoded, never trusted (SECURITY F3). */
export const uploadContentTypes = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type UploadContentType = (typeof uploadContentTypes)[number];

export const maxUploadBytes = 10 * 1024 * 1024;

/** An upload (and its validated copy) can be used for a day; the bucket's lifecycle rule then removes the objects. */
export const uploadLifetimeSeconds = lifetimeDays.uploadItems * 86_400;

export interface Upload {
  uploadId: string;
  userId: string;
  status: UploadStatus;
  contentType: UploadContentType;
  width?: number;
  height?: number;
  rejection?: { code: string; message: string };
  createdAt: string;
  updatedAt: string;
  /** Epoch seconds; past it the upload is gone, whether or not TTL has removed the item yet. */
  expiresAt: number;
}

/** POST /v1/uploads's body; its schema is in ./requests.ts. */
export type { CreateUploadRequest } from './requests';

export interface UploadView {
  id: string;
  status: UploadStatus;
  contentType: UploadContentType;
  width: number | null;
  height: number | null;
  error: { code: string; message: string } | null;
  /** A presigned GET of the validated image, when READY. */
  url: string | null;
  urlExpiresAt: string | null;
  createdAt: string;
  expiresAt: string;
}

export function toUploadView(upload: Upload, link?: { url: string; expiresAt: string }): UploadView {
  return {
    id: upload.uploadId,
    status: upload.status,
    contentType: upload.contentType,
    width: upload.width ?? null,
    height: upload.height ?? null,
    error: upload.rejection ?? null,
    url: link?.url ?? null,
    urlExpiresAt: link?.expiresAt ?? null,
    createdAt: upload.createdAt,
    expiresAt: new Date(upload.expiresAt * 1000).toISOString(),
  };
}
