/** What data exports need from the outside (type-only: no bundle bytes). */
import type { OwnedRead } from '../profile/account-status';
import type { AccountRefusal } from '../profile/ports';
import type { DataExport, ExportCheckpoint, ExportJob, ExportProgress, UploadedPart } from './data-export';

/** Why a new export was refused: one runs, or the last one is too recent. */
export type ExportRefusal = { refused: 'export_running' | 'export_cooldown'; latest: DataExport };

export interface ExportStore {
  /**
   * Writes the export and makes it the user's latest, in one transaction, only if the latest is
   * settled and older than `cooldownStart`, or unsettled and older than `staleBefore` (a job that
   * died for good), and only for an ACTIVE account (the account guard). The export enters the
   * outbox, so its job is sent even if this request dies.
   */
  create(
    record: DataExport,
    limits: { cooldownStart: string; staleBefore: string },
  ): Promise<'created' | ExportRefusal | AccountRefusal>;
  /** The export and its owner's account in one request; no item for another person's export id. */
  get(userId: string, exportId: string): Promise<OwnedRead<DataExport>>;
  /**
   * Takes the job's lease until `until`, if nobody holds it (a crashed holder's lease runs out
   * before SQS delivers its message again). `settled`: ready or failed, nothing left to do.
   */
  takeLease(job: ExportJob, now: string, until: string): Promise<'taken' | 'held' | 'settled' | 'absent'>;
  /**
   * Records progress; with `leaseUntil` the lease is kept (until then), without it the lease is
   * given up (for the next invocation, or a redelivery).
   */
  saveProgress(job: ExportJob, progress: ExportProgress, leaseUntil?: string): Promise<void>;
  markReady(
    job: ExportJob,
    ready: Required<Pick<DataExport, 'objectKey' | 'sizeBytes' | 'readyAt' | 'expiresAt' | 'progress'>>,
  ): Promise<void>;
  markFailed(job: ExportJob, failure: string, now: string): Promise<void>;
}

/** Everything the user owns in the table, through the keys account deletion uses, page by page. */
export interface OwnedItemReader {
  pages(userId: string): AsyncIterable<readonly Record<string, unknown>[]>;
}

/** The bucket, as an export uses it: the person's objects, the archive's parts, its checkpoint. */
export interface ExportObjects {
  /** Every object under the prefixes, in key order. */
  list(prefixes: readonly string[]): Promise<string[]>;
  /** The object's bytes as they stream in; undefined when it is gone. */
  read(key: string): Promise<AsyncIterable<Uint8Array> | undefined>;
  readCheckpoint(key: string): Promise<ExportCheckpoint | undefined>;
  saveCheckpoint(key: string, checkpoint: ExportCheckpoint): Promise<void>;
  startUpload(key: string): Promise<string>;
  uploadPart(key: string, uploadId: string, partNumber: number, bytes: Uint8Array): Promise<UploadedPart>;
  completeUpload(key: string, uploadId: string, parts: readonly UploadedPart[]): Promise<void>;
}

/** Presigned downloads of a ready archive. */
export interface ExportLinks {
  downloadUrl(key: string, fileName: string, expiresInSeconds: number): Promise<string>;
}

export interface ExportQueue {
  enqueue(job: ExportJob): Promise<void>;
}
