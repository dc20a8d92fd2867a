/**
 * Every data class enforced by TTL (lambdas/domain/retention/data-classes.ts) carries the TTL it
 * declares (SECURITY D5, issue 14): each class's items are written here by the real routes,
 * webhooks, workflow and workers on the local stack, then read from the table, and their `ttl`
 * must be the class's days after the moment the class counts from. The table of checks is keyed
 * by class id and must cover every TTL class, so a new class without a check fails here.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../lambdas/adapters/dynamodb/client';
import * as keys from '../../lambdas/adapters/dynamodb/keys';
import { limitCounters } from '../../lambdas/adapters/dynamodb/limit-counters';
import { hmacSubjectHasher } from '../../lambdas/adapters/secrets/subject-hasher';
import { checkLimit } from '../../lambdas/domain/limits/limits';
import { dataClasses } from '../../lambdas/domain/retention/data-classes';
import { fullAccount } from '../support/deletion-flow';
import { startTestApi, type TestApi } from '../support/local-api';
import { counterItemsOf, personWithImage } from '../support/library-flow';
import { packEvent, postDelivery } from '../support/revenuecat-deliveries';
import { personWithEverything } from '../support/person-with-everything';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(() => api.close());

type Item = Record<string, unknown>;
const table = () => process.env.TABLE_NAME!;

const get = async (key: { pk: string; sk: string }): Promise<Item | undefined> =>
  (await documentClient.send(new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }))).Item;

const partition = async (pk: string): Promise<Item[]> =>
  (
    await documentClient.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
      }),
    )
  ).Items ?? [];

const ofType = (items: Item[], entityType: string) => items.filter((item) => item.entityType === entityType);

/** Items of one class, and the window (epoch ms) in which the moment its lifetime counts from fell. */
interface Written {
  items: Item[];
  from: { after: number; before: number };
  /** Counters live only as long as their window needs: at most the declared days. */
  atMost?: boolean;
}

/** `make`'s promise, made on the first call only: several classes share one scenario. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    if (!made) made = make();
    return made;
  };
}

/** Runs `write`, noting the time window around it. */
async function during(write: () => Promise<Item[]>): Promise<Written> {
  const after = Date.now();
  const items = await write();
  return { items, from: { after, before: Date.now() } };
}

/** One check per TTL class: how its items are written (by the real code path) and found. */
const checks: Record<string, () => Promise<Written>> = {
  idempotencyRecords: () =>
    during(async () =>
      ofType(await partition(keys.userPartition((await personWithEverything(api)).sub)), 'IDEMPOTENCY_KEY'),
    ),
  uploadItems: () =>
    during(async () => ofType(await partition(keys.userPartition((await personWithEverything(api)).sub)), 'UPLOAD')),
  actionLog: () =>
    during(async () => {
      const person = await personWithImage(api);
      const saved = await api.request('POST', `/v1/images/${person.imageId}/actions`, {
        token: person.token,
        body: { type: 'save', channel: 'photos' },
      });
      expect(saved.status).toBeLessThan(300);
      return ofType(await partition(keys.userPartition(person.sub)), 'IMAGE_ACTION');
    }),
  actionCounters: async () => {
    const person = await personWithImage(api);
    await api.request('POST', `/v1/images/${person.imageId}/actions`, { token: person.token, body: { type: 'save' } });
    const day = new Date().toISOString().slice(0, 10);
    // Counted from the start of the day it counts.
    const start = Date.parse(`${day}T00:00:00.000Z`);
    return { items: await counterItemsOf(day), from: { after: start, before: start } };
  },
  rateLimitCounters: async () => {
    const userId = `limits-${randomUUID()}`;
    const policy = { perUser: { max: 5, windowSeconds: 3600 }, onFailure: 'closed' } as const;
    const written = await during(async () => {
      await checkLimit(limitCounters(documentClient, table()), 'lifetimes', policy, { userId }, new Date());
      return (await partition(keys.limitCounter('lifetimes', 'user', userId, 0).pk)).filter(
        (item) => item.ttl !== undefined,
      );
    });
    return { ...written, atMost: true };
  },
  webhookReceipts: async () => {
    const person = await personWithImage(api);
    const event = packEvent(person.sub, `tx-${randomUUID()}`);
    return during(async () => {
      expect((await postDelivery(api, event)).status).toBe(200);
      return [(await get(keys.storeEventReceipt(event.event.id)))!];
    });
  },
  revokedShareLinks: async () => {
    const person = await personWithImage(api);
    const link = (await api.request('POST', `/v1/images/${person.imageId}/share-links`, { token: person.token }))
      .json as { linkId: string };
    return during(async () => {
      expect((await api.request('DELETE', `/v1/share-links/${link.linkId}`, { token: person.token })).status).toBe(204);
      return ofType(await partition(keys.userPartition(person.sub)), 'SHARE_LINK');
    });
  },
  ...resolvedReportChecks(),
  ...deletionChecks(),
};

/** A report resolved by a moderator: the report and the audit entry, both counted from the resolution. */
function resolvedReportChecks(): Record<string, () => Promise<Written>> {
  const resolved = once(async () => {
    const person = await personWithImage(api);
    const filed = await api.request('POST', '/v1/reports', {
      token: person.token,
      body: { target: { imageId: person.imageId }, reason: 'other' },
    });
    const reportId = (filed.json as { id: string }).id;
    const moderator = await api.signInModerator(`moderator-${randomUUID()}@example.com`);
    const after = Date.now();
    const answer = await api.request('POST', `/v1/moderation/reports/${reportId}/resolution`, {
      token: moderator.accessToken,
      body: { action: 'dismiss' },
    });
    expect(answer.status).toBe(200);
    const from = { after, before: Date.now() };
    const audit = (await partition(keys.auditLog.pk)).filter((item) => item.reportId === reportId);
    return { report: { items: [(await get(keys.report(reportId)))!], from }, audit: { items: audit, from } };
  });
  return {
    reports: async () => (await resolved()).report,
    moderationAudit: async () => (await resolved()).audit,
  };
}

/** One account deleted through the workflow: what outlives it, counted from the deletion's end. */
function deletionChecks(): Record<string, () => Promise<Written>> {
  const erased = once(async (): Promise<Record<string, Written>> => {
    const account = await fullAccount(api);
    const after = Date.now();
    expect((await api.request('DELETE', '/v1/me', { token: account.token })).status).toBe(202);
    expect((await api.stepFunctions.waitForExecution(`delete-${account.sub}`)).status).toBe('SUCCEEDED');
    const from = { after, before: Date.now() };
    const hash = await hmacSubjectHasher().hash(account.sub);
    const retained = await partition(keys.retainedAccount(hash).pk);
    return {
      tombstones: { items: [(await get(keys.profile(account.sub)))!], from },
      deletionReceipts: { items: await partition(keys.deletionReceipt(hash).pk), from },
      retainedAccountSummaries: { items: ofType(retained, 'RETAINED_ACCOUNT'), from },
      retainedBillingRecords: { items: ofType(retained, 'RETAINED_CREDIT'), from },
    };
  });
  const check = (id: string) => async () => (await erased())[id];
  return Object.fromEntries(
    ['tombstones', 'deletionReceipts', 'retainedAccountSummaries', 'retainedBillingRecords'].map((id) => [
      id,
      check(id),
    ]),
  );
}

/**
 * TTL classes whose writer is still to come, with the work that brings it: listed, so the table
 * above must gain a check when it lands (the test below fails on any other gap).
 */
const awaitingWriter: Record<string, string> = {
  abuseSignals: 'issue 15 (abuse signals)',
  supportRequests: 'issue 14 (support requests)',
};

const ttlClasses = dataClasses.filter((dataClass) => dataClass.enforcement.kind === 'ttl');

describe('every TTL data class', () => {
  it('has a check here, or is listed as awaiting its writer', () => {
    const covered = [...Object.keys(checks), ...Object.keys(awaitingWriter)].sort();
    expect(covered).toEqual(ttlClasses.map((dataClass) => dataClass.id).sort());
  });

  it.each(
    ttlClasses.filter((dataClass) => checks[dataClass.id]).map((dataClass) => [dataClass.id, dataClass] as const),
  )('%s: its items carry the TTL the class declares', async (id, dataClass) => {
    const days = dataClass.enforcement.kind === 'ttl' ? dataClass.enforcement.days : Number.NaN;
    const { items, from, atMost } = await checks[id]();
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      const ttl = Number(item.ttl);
      const latest = Math.ceil(from.before / 1000) + days * 86_400;
      if (atMost) {
        expect({ id, ttlAfterNow: ttl > Date.now() / 1000, withinLifetime: ttl <= latest }).toEqual({
          id,
          ttlAfterNow: true,
          withinLifetime: true,
        });
      } else {
        expect({ id, ttl: Math.max(Math.floor(from.after / 1000) + days * 86_400, Math.min(ttl, latest)) }).toEqual({
          id,
          ttl,
        });
      }
    }
  });
});

describe('an item past its lifetime, before TTL has removed it', () => {
  const expire = async (key: { pk: string; sk: string }) => {
    const past = Math.floor(Date.now() / 1000) - 60;
    await documentClient.send(
      new UpdateCommand({
        TableName: table(),
        Key: key,
        UpdateExpression: 'SET expiresAt = :past, #ttl = :past',
        ExpressionAttributeNames: { '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':past': past },
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  };

  it('is not shown: an expired upload answers 404', async () => {
    const person = await personWithEverything(api);
    const key = keys.upload(person.sub, person.ids.uploadId);
    expect((await api.request('GET', `/v1/uploads/${person.ids.uploadId}`, { token: person.token })).status).toBe(200);
    await expire(key);
    expect((await api.request('GET', `/v1/uploads/${person.ids.uploadId}`, { token: person.token })).status).toBe(404);
  });

  it('does not count: an expired idempotency record lets the same key start a new generation', async () => {
    const person = await personWithImage(api);
    const conversationId = person.conversationId;
    const key = randomUUID();
    const post = () =>
      api.request('POST', `/v1/conversations/${conversationId}/generations`, {
        token: person.token,
        body: { prompt: 'a kite over dunes' },
        headers: { 'idempotency-key': key },
      });
    const first = (await post()).json as { id: string };
    expect(((await post()).json as { id: string }).id).toBe(first.id);
    for (const marker of ofType(await partition(keys.userPartition(person.sub)), 'IDEMPOTENCY_KEY')) {
      await expire({ pk: String(marker.pk), sk: String(marker.sk) });
    }
    const again = await post();
    expect(again.status).toBe(202);
    expect((again.json as { id: string }).id).not.toBe(first.id);
    await api.queues.drained();
  });
});
