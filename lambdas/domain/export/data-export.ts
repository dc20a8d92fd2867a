/**
 * A person's data export (issue 14, docs/export.md): one ZIP of everything Pictor holds about
 * them, built by a worker over as many invocations as it takes and downloaded through a
 * presigned URL minted per read. Pure model: no AWS types here.
 */
import type { ZipState } from './zip-stream';

/** `queued` until the worker first takes it; `ready` and `failed` are final. */
export type ExportStatus = 'queued' | 'running' | 'ready' | 'failed';

/** What a reader sees: a ready archive past its lifetime is `expired`. */
export type ExportViewStatus = ExportStatus | 'expired';

export interface ExportProgress {
  /** Table items written into data.json (known once the plan is made). */
  readonly items: number;
  /** Stored objects (images, references) in the archive so far, and in all. */
  readonly objectsDone: number;
  readonly objectsTotal: number;
  /** Bytes of the archive uploaded so far. */
  readonly bytesDone: number;
}

export const noProgress: ExportProgress = { items: 0, objectsDone: 0, objectsTotal: 0, bytesDone: 0 };

export interface DataExport {
  readonly exportId: string;
  readonly userId: string;
  readonly status: ExportStatus;
  readonly requestedAt: string;
  readonly progress: ExportProgress;
  /** Set once ready: the archive's key and size, and when the lifecycle rule removes it. */
  readonly objectKey?: string;
  readonly sizeBytes?: number;
  readonly readyAt?: string;
  readonly expiresAt?: string;
  /** Set once failed: the error's name only. */
  readonly failure?: string;
}

/** What the export queue carries: which export to carry on with (the rest is in the checkpoint). */
export interface ExportJob {
  readonly userId: string;
  readonly exportId: string;
}

/** One stored object the archive will hold, and its name inside it. */
export interface PlannedObject {
  readonly key: string;
  readonly name: string;
}

export interface UploadedPart {
  readonly partNumber: number;
  readonly etag: string;
  /** S3's CRC32 of the part (base64), which CompleteMultipartUpload repeats. */
  readonly checksum: string;
}

/**
 * Where a running export stands, saved after each uploaded part: everything written so far is in
 * S3 (the parts), so a new invocation resumes from here without starting over or writing an
 * entry twice. The plan is fixed when the export starts, so data.json and the files agree.
 */
export interface ExportCheckpoint {
  readonly uploadId: string;
  readonly objectKey: string;
  readonly plan: readonly PlannedObject[];
  /** Index in `plan` of the next object to write. */
  readonly next: number;
  readonly parts: readonly UploadedPart[];
  readonly zip: ZipState;
  readonly progress: ExportProgress;
  /** Objects that were in the plan but gone when read (deleted meanwhile): listed in README.txt's stead. */
  readonly missing: readonly string[];
}
