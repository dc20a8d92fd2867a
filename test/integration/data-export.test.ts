/**
 * Data exports end to end on the local stack (issue 14, docs/export.md): a person with one of
 * everything asks for an export, polls it, downloads the ZIP through its link and opens it; the
 * archive's data.json holds exactly the items a query over every key they own finds, and every
 * stored object once. A crash mid-export resumes from the checkpoint; another person gets 404.
 */
import { documentClient } from '../../lambdas/adapters/dynamodb/client';
import { exportRepository } from '../../lambdas/adapters/dynamodb/export-repository';
import * as items from '../../lambdas/adapters/dynamodb/items';
import { ownedItemReader } from '../../lambdas/adapters/dynamodb/owned-items';
import { exportObjects } from '../../lambdas/adapters/s3/export-objects';
import type { ExportObjects } from '../../lambdas/domain/export/ports';
import { runExport, type RunExportDeps } from '../../lambdas/domain/export/run-export';
import { objectKeys } from '../../lambdas/domain/storage/object-keys';
import { startTestApi, type TestApi } from '../support/local-api';
import {
  newConversation,
  objectsUnder,
  postGeneration,
  settled,
  signedIn,
  type ErrorBody,
  type GenerationBody,
} from '../support/generation-flow';
import { personWithEverything } from '../support/person-with-everything';
import { unzip, type UnzippedEntry } from '../support/unzip';

let api: TestApi;

beforeAll(async () => {
  // Its own table: the outbox sweeper runs here and must see only this file's entries.
  api = await startTestApi({ ownTable: true });
});

afterAll(() => api.close());

interface ExportBody {
  exportId: string;
  status: string;
  progress: { items: number; objectsDone: number; objectsTotal: number; bytesDone: number };
  downloadUrl?: string;
  downloadExpiresAt?: string;
  expiresAt?: string;
}

/** What a query over every key the person owns finds, each item as the export shows it. */
async function ownedRecords(sub: string): Promise<Record<string, unknown[]>> {
  const sections: Record<string, unknown[]> = {};
  for await (const page of ownedItemReader(documentClient, process.env.TABLE_NAME!).pages(sub)) {
    for (const item of page) {
      const { section, record } = items.exportedItem(item);
      sections[section] = [...(sections[section] ?? []), record];
    }
  }
  return sections;
}

/** data.json's sections, lists throughout (the profile is one record). */
function dataSections(entries: UnzippedEntry[]): Record<string, unknown[]> {
  const data = JSON.parse(entries.find((entry) => entry.name === 'data.json')!.bytes.toString('utf8'));
  const { format, exportedAt, itemCount, ...sections } = data as Record<string, unknown>;
  expect(format).toBe('pictor-export/1');
  expect(typeof exportedAt).toBe('string');
  expect(typeof itemCount).toBe('number');
  return Object.fromEntries(
    Object.entries(sections).map(([name, value]) => [name, Array.isArray(value) ? value : [value]]),
  );
}

const sortedJson = (sections: Record<string, unknown[]>) =>
  Object.fromEntries(
    Object.entries(sections)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, records]) => [name, records.map((record) => JSON.stringify(record)).sort()]),
  );

/** A person with two generated images and no export yet. */
async function personWithImages(): Promise<{ token: string; sub: string }> {
  const person = await signedIn(api);
  const conversationId = await newConversation(api, person.token, 'Harbours');
  for (const prompt of ['a harbour at night', 'a harbour at dawn']) {
    const accepted = (await postGeneration(api, person.token, conversationId, { prompt })).json as GenerationBody;
    expect((await settled(api, person.token, accepted.id)).status).toBe('SUCCEEDED');
  }
  return person;
}

async function downloaded(url: string): Promise<Buffer> {
  const answer = await fetch(url);
  expect(answer.status).toBe(200);
  return Buffer.from(await answer.arrayBuffer());
}

async function objectBytes(key: string): Promise<Buffer | undefined> {
  const body = await exportObjects().read(key);
  if (!body) return undefined;
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('a data export', () => {
  it('is refused while one runs; its job survives a failed send through the outbox', async () => {
    const person = await personWithImages();
    // The export job cannot be sent: the request still answers 202, and the outbox keeps the job.
    api.queues.faults.refuseSends('ExportWorker');
    const requested = await api.request('POST', '/v1/me/exports', { token: person.token });
    expect(requested.status).toBe(202);
    const { exportId, status } = requested.json as ExportBody;
    expect(status).toBe('queued');

    const again = await api.request('POST', '/v1/me/exports', { token: person.token });
    expect(again.status).toBe(409);
    expect((again.json as ErrorBody).error.code).toBe('export_running');

    api.queues.faults.clear();
    await api.scheduled.run('OutboxSweeper');
    await api.queues.drained();
    const view = (await api.request('GET', `/v1/me/exports/${exportId}`, { token: person.token })).json as ExportBody;
    expect(view).toMatchObject({ status: 'ready', progress: { objectsDone: 2, objectsTotal: 2 } });
  });

  it('holds every item and every object the person owns, once, and the link downloads it', async () => {
    // The fixture asked for an export and let the worker finish it.
    const person = await personWithEverything(api);
    const exportId = person.ids.exportId;
    const ready = await api.request('GET', `/v1/me/exports/${exportId}`, { token: person.token });
    expect(ready.status).toBe(200);
    const view = ready.json as ExportBody;
    expect(view.status).toBe('ready');
    expect(Date.parse(view.downloadExpiresAt!) - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
    expect(Date.parse(view.expiresAt!)).toBeGreaterThan(Date.now() + 6 * 86_400_000);

    const entries = await unzip(await downloaded(view.downloadUrl!));
    expect(entries.every((entry) => entry.crcMatches)).toBe(true);
    expect(new Set(entries.map((entry) => entry.name)).size).toBe(entries.length);
    expect(entries.slice(0, 2).map((entry) => entry.name)).toEqual(['README.txt', 'data.json']);

    // data.json holds exactly what a query over every owned key finds (the export's own items aside:
    // they are written while it runs).
    const owned = await ownedRecords(person.sub);
    const withoutExports = (sections: Record<string, unknown[]>) =>
      Object.fromEntries(
        Object.entries(sections)
          .map(([name, records]) => [
            name,
            records.filter(
              (record) => !['DATA_EXPORT', 'LATEST_EXPORT'].includes(String((record as { kind?: string }).kind)),
            ),
          ])
          .filter(([, records]) => (records as unknown[]).length > 0),
      ) as Record<string, unknown[]>;
    const exported = dataSections(entries);
    expect(sortedJson(withoutExports(exported))).toEqual(sortedJson(withoutExports(owned)));
    expect(Object.keys(exported)).toEqual(
      expect.arrayContaining(['profile', 'creditLedger', 'conversations', 'images']),
    );

    // Every stored object once, byte for byte, the generated image under its conversation's folder.
    const keys = (await Promise.all(objectKeys.contentPrefixes(person.sub).map(objectsUnder))).flat();
    const files = entries.filter((entry) => !['README.txt', 'data.json'].includes(entry.name));
    expect(files).toHaveLength(keys.length);
    for (const key of keys) {
      const bytes = await objectBytes(key);
      expect(files.filter((file) => file.bytes.equals(bytes!))).not.toHaveLength(0);
    }
    expect(files.map((file) => file.name)).toContainEqual(
      expect.stringMatching(
        new RegExp(`^images/kept \\(${person.ids.conversationId}\\)/${person.ids.generationId}-1\\.png$`),
      ),
    );

    // Settled, and too recent for another.
    const cooldown = await api.request('POST', '/v1/me/exports', { token: person.token });
    expect(cooldown.status).toBe(429);
    expect((cooldown.json as ErrorBody).error.code).toBe('export_cooldown');
    expect(Number(cooldown.headers['retry-after'])).toBeGreaterThan(0);

    // Another person: 404 on the export, and the same 404 as for an id that never existed.
    const stranger = await signedIn(api);
    const foreign = await api.request('GET', `/v1/me/exports/${exportId}`, { token: stranger.token });
    expect(foreign.status).toBe(404);
    const never = await api.request('GET', '/v1/me/exports/01JZZZZZZZZZZZZZZZZZZZZZZZ', { token: stranger.token });
    expect([never.status, never.json]).toEqual([404, foreign.json]);
  });

  it('resumes after a crash from the last uploaded part: the ZIP is whole and no part is sent twice', async () => {
    const person = await personWithImages();
    // The job stays in the outbox: this test runs the worker's steps itself.
    api.queues.faults.refuseSends('ExportWorker');
    const { exportId } = (await api.request('POST', '/v1/me/exports', { token: person.token })).json as ExportBody;
    api.queues.faults.clear();
    const job = { userId: person.sub, exportId };
    const table = process.env.TABLE_NAME!;
    const sent: number[] = [];
    let crashAfter = 2;
    const real = exportObjects();
    const objects: ExportObjects = {
      ...real,
      async uploadPart(key, uploadId, partNumber, bytes) {
        const part = await real.uploadPart(key, uploadId, partNumber, bytes);
        sent.push(partNumber);
        if (--crashAfter === 0) throw new Error('the invocation died');
        return part;
      },
    };
    const requeued: unknown[] = [];
    const deps: RunExportDeps = {
      store: exportRepository(documentClient, table),
      items: ownedItemReader(documentClient, table),
      codec: items.exportItemCodec,
      objects,
      queue: { enqueue: async (next) => void requeued.push(next) },
      now: () => new Date(),
      // Tiny parts (the emulator allows them; S3 wants 5 MiB): many checkpoints in a small account.
      partBytes: 1024,
      leaseSeconds: 360,
      remainingMs: () => Number.POSITIVE_INFINITY,
      reserveMs: 0,
    };

    await expect(runExport(deps, job)).rejects.toThrow('the invocation died');
    expect(sent).toEqual([1, 2]);
    // The second part was uploaded but its checkpoint never saved: it is sent again, then the rest.
    expect(await runExport(deps, job)).toBe('ready');
    expect(sent.slice(0, 3)).toEqual([1, 2, 2]);
    expect(sent.slice(2)).toEqual(sent.slice(2).map((_, index) => index + 2));

    const view = (await api.request('GET', `/v1/me/exports/${exportId}`, { token: person.token })).json as ExportBody;
    expect(view.status).toBe('ready');
    const entries = await unzip(await downloaded(view.downloadUrl!));
    expect(entries.every((entry) => entry.crcMatches)).toBe(true);
    const keys = (await Promise.all(objectKeys.contentPrefixes(person.sub).map(objectsUnder))).flat();
    expect(entries).toHaveLength(keys.length + 2);
    expect(view.progress).toMatchObject({ objectsDone: keys.length, objectsTotal: keys.length });
  });

  it('hands on to a next step when the invocation runs short of time, and a duplicate message is dropped', async () => {
    const person = await personWithImages();
    // The job stays in the outbox: this test runs the worker's steps itself.
    api.queues.faults.refuseSends('ExportWorker');
    const { exportId } = (await api.request('POST', '/v1/me/exports', { token: person.token })).json as ExportBody;
    api.queues.faults.clear();
    const job = { userId: person.sub, exportId };
    const table = process.env.TABLE_NAME!;
    const requeued: unknown[] = [];
    const deps: RunExportDeps = {
      store: exportRepository(documentClient, table),
      items: ownedItemReader(documentClient, table),
      codec: items.exportItemCodec,
      objects: exportObjects(),
      queue: { enqueue: async (next) => void requeued.push(next) },
      now: () => new Date(),
      partBytes: 1024,
      leaseSeconds: 360,
      // Always short of time: every step writes one part and hands on.
      remainingMs: () => 0,
      reserveMs: 1,
    };
    let steps = 0;
    let outcome = await runExport(deps, job);
    while (outcome === 'continued') {
      steps++;
      expect(requeued).toHaveLength(steps);
      outcome = await runExport(deps, job);
    }
    expect(outcome).toBe('ready');
    expect(steps).toBeGreaterThanOrEqual(1);
    // A job delivered again after it finished does nothing.
    expect(await runExport(deps, job)).toBe('dropped');
    const view = (await api.request('GET', `/v1/me/exports/${exportId}`, { token: person.token })).json as ExportBody;
    const entries = await unzip(await downloaded(view.downloadUrl!));
    expect(entries.every((entry) => entry.crcMatches)).toBe(true);
  });
});
