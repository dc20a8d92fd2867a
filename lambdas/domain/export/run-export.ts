/**
 * The export worker's job (docs/export.md, "How the archive is built"): one ZIP streamed into a
 * multipart upload, over as many invocations as it takes. After each uploaded part the position
 * (the ZIP writer's state, the parts, the next object) is saved as a checkpoint, so an invocation
 * that crashes or runs out of time is followed by one that resumes there: nothing is written
 * twice, nothing is started over. Parts are cut only between entries, so memory holds at most a
 * part plus one object.
 */
import { crc32 } from 'node:zlib';
import type { Clock } from '../shared/clock';
import { objectKeys } from '../storage/object-keys';
import type { ExportCheckpoint, ExportJob, ExportProgress, UploadedPart } from './data-export';
import { dataDocument, type ExportItemCodec, plannedObjects, readme, type StoredItem } from './export-plan';
import type { ExportObjects, ExportQueue, ExportStore, OwnedItemReader } from './ports';
import { afterEntry, centralDirectory, dataDescriptor, emptyZip, localHeader } from './zip-stream';
import { lifetimeDays } from '../retention/lifetimes';

export interface RunExportDeps {
  store: ExportStore;
  items: OwnedItemReader;
  codec: ExportItemCodec;
  objects: ExportObjects;
  queue: ExportQueue;
  now: Clock;
  /** Bytes per uploaded part (S3: at least 5 MiB but the last). */
  partBytes: number;
  /** How long a taken job is the taker's: longer than one invocation may run. */
  leaseSeconds: number;
  /** Milliseconds left in this invocation; below `reserveMs` the job saves and hands on. */
  remainingMs: () => number;
  reserveMs: number;
}

export type RunExportOutcome = 'ready' | 'continued' | 'dropped';

/** 8 MiB parts: memory holds one part plus one object (npm run bench:export measures the peak). */
export const exportPartBytes = 8 * 1024 * 1024;

/** Bytes waiting to become the next part. */
class PendingPart {
  private chunks: Uint8Array[] = [];
  size = 0;
  push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.size += bytes.byteLength;
  }
  take(): Uint8Array {
    const bytes = Buffer.concat(this.chunks);
    this.chunks = [];
    this.size = 0;
    return bytes;
  }
}

/**
 * Primary course: 1. take the job's lease (someone else holds it, or it is settled: drop the
 * message); 2. resume from the checkpoint, or plan the export (data.json and README.txt first);
 * 3. write each stored object as an entry, uploading a part whenever enough is pending and saving
 * the checkpoint after it (the upload runs while the next part fills); 4. write the central
 * directory, complete the upload, mark it ready.
 * Alternative: the invocation runs short of time → after the next part the job is put back on
 * the queue and the lease given up, and the next invocation resumes from the checkpoint.
 */
export async function runExport(deps: RunExportDeps, job: ExportJob): Promise<RunExportOutcome> {
  const started = deps.now();
  const leaseUntil = new Date(started.getTime() + deps.leaseSeconds * 1000).toISOString();
  if ((await deps.store.takeLease(job, started.toISOString(), leaseUntil)) !== 'taken') return 'dropped';
  // The worker builds whatever the person held when they asked; a deletion meanwhile removes it with the rest.
  const { item: record } = await deps.store.get(job.userId, job.exportId);
  if (!record) return 'dropped';
  const modified = new Date(record.requestedAt);
  const checkpointKey = objectKeys.exportCheckpoint(job.userId, job.exportId);
  const pending = new PendingPart();
  try {
    let state =
      (await deps.objects.readCheckpoint(checkpointKey)) ?? (await begin(deps, job, record.requestedAt, pending));
    const uploader = new PartUploader(deps, job, checkpointKey, leaseUntil, state.parts);
    while (state.next < state.plan.length) {
      state = await writeObject(deps, state, pending, modified);
      if (pending.size < deps.partBytes) continue;
      await uploader.cut(pending, state);
      if (deps.remainingMs() < deps.reserveMs) {
        await uploader.settled();
        await deps.queue.enqueue(job);
        await deps.store.saveProgress(job, uploader.checkpointOf(state).progress);
        return 'continued';
      }
    }
    if (state.missing.length > 0) state = writeEntry(state, pending, 'missing.txt', missingList(state), modified);
    const directory = centralDirectory(state.zip, modified);
    pending.push(directory);
    await uploader.cut(pending, state, { checkpoint: false });
    await deps.objects.completeUpload(state.objectKey, state.uploadId, await uploader.settled());
    const readyAt = deps.now().toISOString();
    const progress = { ...state.progress, bytesDone: state.zip.offset + directory.byteLength };
    await deps.store.markReady(job, {
      objectKey: state.objectKey,
      sizeBytes: progress.bytesDone,
      readyAt,
      expiresAt: new Date(Date.parse(readyAt) + lifetimeDays.exports * 86_400_000).toISOString(),
      progress,
    });
    return 'ready';
  } catch (error) {
    // Give the lease up, so the queue's retry need not wait for it to run out.
    await deps.store.saveProgress(job, record.progress).catch(() => undefined);
    throw error;
  }
}

/** Plans the export and writes README.txt and data.json: the state before the first object. */
async function begin(
  deps: RunExportDeps,
  job: ExportJob,
  exportedAt: string,
  pending: PendingPart,
): Promise<ExportCheckpoint> {
  const items: StoredItem[] = [];
  for await (const page of deps.items.pages(job.userId)) items.push(...page);
  const keys = await deps.objects.list(objectKeys.contentPrefixes(job.userId));
  const document = dataDocument(items, deps.codec, exportedAt) as Record<string, unknown>;
  const objectKey = objectKeys.exportArchive(job.userId, job.exportId);
  const plan = plannedObjects(job.userId, keys, items, deps.codec);
  let state: ExportCheckpoint = {
    uploadId: await deps.objects.startUpload(objectKey),
    objectKey,
    plan,
    next: 0,
    parts: [],
    zip: emptyZip,
    progress: { items: items.length, objectsDone: 0, objectsTotal: plan.length, bytesDone: 0 },
    missing: [],
  };
  const modified = new Date(exportedAt);
  const sections = Object.keys(document).filter((name) => !['format', 'exportedAt', 'itemCount'].includes(name));
  state = writeEntry(state, pending, 'README.txt', readme(exportedAt, sections), modified);
  return writeEntry(state, pending, 'data.json', JSON.stringify(document, null, 2), modified);
}

function writeEntry(
  state: ExportCheckpoint,
  pending: PendingPart,
  name: string,
  text: string,
  modified: Date,
): ExportCheckpoint {
  const bytes = Buffer.from(text, 'utf8');
  const crc = crc32(bytes);
  pending.push(localHeader(name, modified));
  pending.push(bytes);
  pending.push(dataDescriptor(crc, bytes.length));
  return { ...state, zip: afterEntry(state.zip, name, crc, bytes.length) };
}

/** Streams the next planned object into the pending part; an object deleted meanwhile is noted, not failed. */
async function writeObject(
  deps: RunExportDeps,
  state: ExportCheckpoint,
  pending: PendingPart,
  modified: Date,
): Promise<ExportCheckpoint> {
  const planned = state.plan[state.next];
  const next = state.next + 1;
  const body = await deps.objects.read(planned.key);
  if (!body) return { ...state, next, missing: [...state.missing, planned.name] };
  pending.push(localHeader(planned.name, modified));
  let crc = 0;
  let size = 0;
  for await (const chunk of body) {
    crc = crc32(chunk, crc);
    size += chunk.byteLength;
    pending.push(chunk);
  }
  pending.push(dataDescriptor(crc, size));
  const progress: ExportProgress = { ...state.progress, objectsDone: state.progress.objectsDone + 1 };
  return { ...state, next, progress, zip: afterEntry(state.zip, planned.name, crc, size) };
}

/**
 * Uploads the parts one at a time in the background while the next one fills (reading and
 * uploading overlap; memory holds at most two parts), and saves the checkpoint after each: the
 * state at the part's end, with the parts confirmed so far. A failed upload is thrown by the next
 * `cut` or by `settled`.
 */
class PartUploader {
  private last: Promise<void> = Promise.resolve();
  constructor(
    private readonly deps: RunExportDeps,
    private readonly job: ExportJob,
    private readonly checkpointKey: string,
    private readonly leaseUntil: string,
    private parts: readonly UploadedPart[],
  ) {}

  /** Hands the pending bytes over as the next part; `at` is the state just after them. */
  async cut(pending: PendingPart, at: ExportCheckpoint, options = { checkpoint: true }): Promise<void> {
    const bytes = pending.take();
    await this.last;
    const partNumber = this.parts.length + 1;
    const upload = (async () => {
      const part = await this.deps.objects.uploadPart(at.objectKey, at.uploadId, partNumber, bytes);
      this.parts = [...this.parts, part];
      if (!options.checkpoint) return;
      const saved = this.checkpointOf(at);
      await this.deps.objects.saveCheckpoint(this.checkpointKey, saved);
      await this.deps.store.saveProgress(this.job, saved.progress, this.leaseUntil);
    })();
    // Awaited by the next cut or by `settled`: a failure is never an unhandled rejection meanwhile.
    upload.catch(() => undefined);
    this.last = upload;
  }

  /** Every part, once the last upload (and its checkpoint) is done. */
  async settled(): Promise<readonly UploadedPart[]> {
    await this.last;
    return this.parts;
  }

  /** The checkpoint of a state whose bytes are all in confirmed parts. */
  checkpointOf(at: ExportCheckpoint): ExportCheckpoint {
    return { ...at, parts: this.parts, progress: { ...at.progress, bytesDone: at.zip.offset } };
  }
}

const missingList = (state: ExportCheckpoint): string =>
  ['These files were deleted while the export was being made:', ...state.missing, ''].join('\n');
