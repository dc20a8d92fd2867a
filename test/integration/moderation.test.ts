/**
 * Reports, the moderation queue, moderator actions and the audit log end to end (issue 11, part
 * C), on the local emulators: two people and a moderator, every route, the requests each read
 * costs, the alarm topic, the take-down through the cleanup path under a failing first attempt,
 * suspension, deletion, and what account deletion leaves of reports. A table of its own: the
 * open queue is one partition, and other files' reports must not show in it.
 */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../lambdas/adapters/dynamodb/client';
import * as keys from '../../lambdas/adapters/dynamodb/keys';
import { executionNameFor } from '../../lambdas/domain/account-deletion/deletion';
import { routes } from '../../lib/routes';
import { startTestApi, type TestApi } from '../support/local-api';
import {
  countDynamoRequests,
  newConversation,
  objectsUnder,
  postGeneration,
  settled,
  signedIn,
  type ErrorBody,
  type GenerationBody,
} from '../support/generation-flow';

let api: TestApi;
const dynamo = countDynamoRequests();
const table = () => process.env.TABLE_NAME!;

beforeAll(async () => {
  api = await startTestApi({ ownTable: true });
});

afterAll(() => api.close());

interface ReportBody {
  id: string;
  state: string;
  reason: string;
  target: Record<string, string>;
}

/** A signed-in person with one generated image, and the prompt it came from. */
async function personWithImage(prompt: string) {
  const person = await signedIn(api);
  const conversationId = await newConversation(api, person.token);
  const accepted = (await postGeneration(api, person.token, conversationId, { prompt })).json as GenerationBody;
  const generation = await settled(api, person.token, accepted.id);
  const objectKey = (await reportItemFree(person.sub, generation.images[0].id))!.objectKey as string;
  return { ...person, conversationId, generation, imageId: generation.images[0].id, objectKey, prompt };
}

/** The image item as stored (what the API does not show: takenDownAt, the object key). */
async function reportItemFree(ownerId: string, imageId: string) {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: table(), Key: keys.image(ownerId, imageId), ConsistentRead: true }),
  );
  return Item;
}

async function storedReport(reportId: string) {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: table(), Key: keys.report(reportId), ConsistentRead: true }),
  );
  return Item;
}

/** Every report item in the table (a table of this file's own). */
async function reportItems() {
  const found = await documentClient.send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'moderationQueue',
      KeyConditionExpression: 'queuePk = :open',
      ExpressionAttributeValues: { ':open': keys.openQueue.queuePk },
    }),
  );
  return found.Items ?? [];
}

const report = (token: string, body: unknown) => api.request('POST', '/v1/reports', { token, body });

let moderatorCount = 0;
async function moderator() {
  moderatorCount += 1;
  const signedInModerator = await api.signInModerator(`moderator-${Date.now()}-${moderatorCount}@example.com`);
  return { token: signedInModerator.accessToken, sub: signedInModerator.sub };
}

const resolve = (token: string, reportId: string, action: string) =>
  api.request('POST', `/v1/moderation/reports/${reportId}/resolution`, { token, body: { action } });

describe('POST /v1/reports and GET /v1/reports', () => {
  it('stores a repeated report once and answers the same report, 201 then 200', async () => {
    const ann = await personWithImage('a grey heron on a pier');

    const first = await report(ann.token, { target: { imageId: ann.imageId }, reason: 'violence' });
    const again = await report(ann.token, { target: { imageId: ann.imageId }, reason: 'violence', details: 'Again.' });

    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(first.json).toMatchObject({ target: { imageId: ann.imageId }, reason: 'violence', state: 'open' });
    const listed = (await api.request('GET', '/v1/reports', { token: ann.token })).json as { reports: ReportBody[] };
    expect(listed.reports.map((item) => item.id)).toEqual([(first.json as ReportBody).id]);
    expect((await storedReport((first.json as ReportBody).id))?.details).toBeUndefined();
  });

  it('reports a generation, covering its images', async () => {
    const ann = await personWithImage('a pelican at noon');
    const filed = await report(ann.token, { target: { generationId: ann.generation.id }, reason: 'other' });
    expect(filed.status).toBe(201);
    expect(filed.json).toMatchObject({ target: { generationId: ann.generation.id } });
    expect((await storedReport((filed.json as ReportBody).id))?.subject).toMatchObject({
      imageIds: [ann.imageId],
      generationId: ann.generation.id,
    });
  });

  it("answers 404 to another person naming A's image or generation, and lists none of A's reports to B", async () => {
    const a = await personWithImage('a cormorant drying its wings');
    const b = await signedIn(api);
    await report(a.token, { target: { imageId: a.imageId }, reason: 'hate' });

    for (const target of [{ imageId: a.imageId }, { generationId: a.generation.id }]) {
      const attempt = await report(b.token, { target, reason: 'hate' });
      expect(attempt.status).toBe(404);
      expect((attempt.json as ErrorBody).error.code).toBe('not_found');
    }
    expect((await api.request('GET', '/v1/reports', { token: b.token })).json).toEqual({
      reports: [],
      nextCursor: null,
    });
  });

  it('reports a share through its token, signed in or signed out; a revoked or unknown token is 404', async () => {
    const ann = await personWithImage('a lighthouse keeper at night');
    const viewer = await signedIn(api);
    const link = (await api.request('POST', `/v1/images/${ann.imageId}/share-links`, { token: ann.token, body: {} }))
      .json as { token: string; linkId: string };

    const signedInReport = await report(viewer.token, { target: { shareToken: link.token }, reason: 'harassment' });
    expect(signedInReport.status).toBe(201);
    expect(signedInReport.json).toMatchObject({ reason: 'harassment', state: 'open' });
    const anonymous = await api.request('POST', `/s/${link.token}/report`, { body: { reason: 'sexual' } });
    expect(anonymous.status).toBe(202);
    expect(anonymous.headers['set-cookie']).toBeUndefined();
    const aboutTheImage = (await reportItems()).filter((item) => item.subject?.imageIds?.includes(ann.imageId));
    expect(aboutTheImage.map((item) => [item.reason, item.subject.via, item.reporterId])).toEqual(
      expect.arrayContaining([
        ['harassment', 'share', viewer.sub],
        ['sexual', 'share', undefined],
      ]),
    );

    await api.request('DELETE', `/v1/share-links/${link.linkId}`, { token: ann.token });
    expect((await api.request('POST', `/s/${link.token}/report`, { body: { reason: 'other' } })).status).toBe(404);
    const unknown = await report(viewer.token, { target: { shareToken: 'A'.repeat(43) }, reason: 'sexual' });
    expect(unknown.status).toBe(404);
  });

  it('refuses a target naming two things, an unknown reason and over-long details with stable codes', async () => {
    const ann = await personWithImage('a kingfisher');
    const both = { imageId: ann.imageId, generationId: ann.generation.id };
    for (const body of [
      { target: both, reason: 'other' },
      { target: { imageId: ann.imageId }, reason: 'boring' },
      { target: { imageId: ann.imageId }, reason: 'other', details: 'x'.repeat(1001) },
    ]) {
      const refused = await report(ann.token, body);
      expect({ status: refused.status, code: (refused.json as ErrorBody).error.code }).toEqual({
        status: 400,
        code: 'invalid_request',
      });
    }
  });

  it('lists the reporter’s reports in one Query plus the account read', async () => {
    const ann = await personWithImage('a tern');
    await report(ann.token, { target: { imageId: ann.imageId }, reason: 'copyright' });
    dynamo.reset();
    const listed = await api.request('GET', '/v1/reports', { token: ann.token });
    expect(listed.status).toBe(200);
    expect(dynamo.names.sort()).toEqual(['GetItemCommand', 'QueryCommand']);
  });

  it('pages the alarm topic at once for minor_safety, with no user id, details or email; once', async () => {
    const ann = await personWithImage('a child at a beach');
    const before = api.alarms.published().length;
    const filed = await report(ann.token, {
      target: { imageId: ann.imageId },
      reason: 'minor_safety',
      details: 'This looks like a real child.',
    });
    await report(ann.token, { target: { imageId: ann.imageId }, reason: 'minor_safety' });

    const pages = api.alarms.published().slice(before);
    expect(pages).toHaveLength(1);
    expect(pages[0].subject).toBe('Pictor safety report: minor_safety');
    expect(JSON.parse(pages[0].message)).toMatchObject({
      reportId: (filed.json as ReportBody).id,
      reason: 'minor_safety',
    });
    for (const secret of [ann.sub, 'real child', '@example.com', ann.prompt]) {
      expect(pages[0].message).not.toContain(secret);
    }
  });
});

describe('the moderation routes', () => {
  const moderationRoutes = routes.filter((route) => route.auth.kind === 'jwt' && route.auth.group === 'moderators');

  it('answer 403 group_required to a signed-in person outside the moderators group, on every route', async () => {
    const b = await signedIn(api);
    expect(moderationRoutes.length).toBe(4);
    for (const route of moderationRoutes) {
      const path = route.path.replace('{reportId}', '01JDQ4N8W7XK3M2P5R6T8V9Y0Z');
      const body = route.method === 'POST' ? { action: 'dismiss' } : undefined;
      const refused = await api.request(route.method, path, { token: b.token, body });
      expect({ route: route.id, status: refused.status, code: (refused.json as ErrorBody).error.code }).toEqual({
        route: route.id,
        status: 403,
        code: 'group_required',
      });
    }
  });

  it('refuse a moderator whose own account is disabled, on every route (their token outlives the change)', async () => {
    const mod = await moderator();
    await api.request('GET', '/v1/me', { token: mod.token });
    await documentClient.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.profile(mod.sub),
        UpdateExpression: 'SET #status = :disabled',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':disabled': 'DISABLED' },
      }),
    );
    for (const route of moderationRoutes) {
      const path = route.path.replace('{reportId}', '01JDQ4N8W7XK3M2P5R6T8V9Y0Z');
      const body = route.method === 'POST' ? { action: 'dismiss' } : undefined;
      const refused = await api.request(route.method, path, { token: mod.token, body });
      expect({ route: route.id, status: refused.status, code: (refused.json as ErrorBody).error.code }).toEqual({
        route: route.id,
        status: 403,
        code: 'account_disabled',
      });
    }
  });

  it('list the open queue most severe first, then oldest, in one Query plus the account read', async () => {
    const ann = await personWithImage('a lighthouse keeper');
    const mod = await moderator();
    const other = (await report(ann.token, { target: { imageId: ann.imageId }, reason: 'other' })).json as ReportBody;
    const underage = (await report(ann.token, { target: { generationId: ann.generation.id }, reason: 'underage_user' }))
      .json as ReportBody;

    dynamo.reset();
    const queue = await api.request('GET', '/v1/moderation/reports?limit=50', { token: mod.token });
    expect(dynamo.names.sort()).toEqual(['GetItemCommand', 'QueryCommand']);
    const ids = (queue.json as { reports: Array<{ id: string; reason: string }> }).reports.map((item) => item.id);
    expect(ids.indexOf(underage.id)).toBeLessThan(ids.indexOf(other.id));
    const reasons = (queue.json as { reports: Array<{ reason: string }> }).reports.map((item) => item.reason);
    const severity = [
      'minor_safety',
      'underage_user',
      'sexual',
      'violence',
      'hate',
      'harassment',
      'copyright',
      'other',
    ];
    expect(reasons.map((reason) => severity.indexOf(reason))).toEqual(
      [...reasons.map((reason) => severity.indexOf(reason))].sort((x, y) => x - y),
    );
  });

  it('show one report with a short-lived image URL, the prompt, the model and dates, never the reporter', async () => {
    const ann = await personWithImage('a harbour seal on rocks');
    const mod = await moderator();
    const filed = (await report(ann.token, { target: { imageId: ann.imageId }, reason: 'sexual', details: 'Nudity.' }))
      .json as ReportBody;

    dynamo.reset();
    const read = await api.request('GET', `/v1/moderation/reports/${filed.id}`, { token: mod.token });
    expect(read.status).toBe(200);
    expect(dynamo.names).toEqual(['BatchGetItemCommand', 'BatchGetItemCommand']);
    const view = read.json as Record<string, any>;
    expect(view).toMatchObject({
      id: filed.id,
      reason: 'sexual',
      state: 'open',
      details: 'Nudity.',
      anonymous: false,
      generation: { id: ann.generation.id, prompt: ann.prompt, model: expect.any(String) },
      images: [{ id: ann.imageId, url: expect.stringContaining('X-Amz-Signature'), takenDownAt: null }],
    });
    expect(Date.parse(view.images[0].expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    expect(JSON.stringify(view)).not.toContain('reporter');
    expect(
      (await api.request('GET', '/v1/moderation/reports/01JDQ4N8W7XK3M2P5R6T8V9Y0Z', { token: mod.token })).status,
    ).toBe(404);
  });

  it('refuse a moderator acting on a report about their own content: 403 own_content, nothing changes', async () => {
    const mod = await moderator();
    const conversationId = await newConversation(api, mod.token);
    const accepted = (await postGeneration(api, mod.token, conversationId, { prompt: 'my own otter' }))
      .json as GenerationBody;
    const generation = await settled(api, mod.token, accepted.id);
    const filed = (await report(mod.token, { target: { imageId: generation.images[0].id }, reason: 'other' }))
      .json as ReportBody;

    const refused = await resolve(mod.token, filed.id, 'take_down');

    expect(refused.status).toBe(403);
    expect((refused.json as ErrorBody).error.code).toBe('own_content');
    expect(await storedReport(filed.id)).toMatchObject({ state: 'OPEN' });
    expect((await reportItemFree(mod.sub, generation.images[0].id))?.takenDownAt).toBeUndefined();
  });

  it('take an image down at once, its object removed by the cleanup queue though the first attempt fails', async () => {
    const ann = await personWithImage('a puffin with fish');
    const mod = await moderator();
    const filed = (await report(ann.token, { target: { imageId: ann.imageId }, reason: 'violence' }))
      .json as ReportBody;
    const cleanup = () => api.queues.stats('CleanupWorker');
    const failedBefore = cleanup().failedDeliveries;

    api.queues.faults.crashDeliveries('CleanupWorker');
    const resolved = await resolve(mod.token, filed.id, 'take_down');
    expect(resolved.status).toBe(200);
    expect(resolved.json).toMatchObject({ id: filed.id, state: 'resolved', resolution: 'take_down' });
    expect(await reportItemFree(ann.sub, ann.imageId)).toMatchObject({
      takenDownAt: expect.any(String),
      takedownReason: 'violence',
    });
    // The owner sees it removed wherever it is shown: the generation, the conversation, the image.
    const removed = { id: ann.imageId, status: 'removed', removal: { reason: 'violence', at: expect.any(String) } };
    const generationView = await api.request('GET', `/v1/generations/${ann.generation.id}`, { token: ann.token });
    expect((generationView.json as { images: unknown[] }).images).toEqual([expect.objectContaining(removed)]);
    expect(JSON.stringify(generationView.json)).not.toContain('X-Amz-Signature');
    const conversationView = await api.request('GET', `/v1/conversations/${ann.conversationId}`, { token: ann.token });
    const [shown] = (conversationView.json as { generations: Array<{ images: unknown[] }> }).generations;
    expect(shown.images).toEqual([expect.objectContaining(removed)]);
    const imageView = await api.request('GET', `/v1/images/${ann.imageId}`, { token: ann.token });
    expect(imageView.json).toMatchObject({ id: ann.imageId, status: 'removed', removal: { reason: 'violence' } });
    expect(imageView.json).not.toHaveProperty('url');
    // The first delivery fails (the worker "times out"); the object is still there.
    while (cleanup().failedDeliveries === failedBefore) await new Promise((done) => setTimeout(done, 5));
    expect(await objectsUnder(ann.objectKey)).toEqual([ann.objectKey]);

    api.queues.faults.clear();
    await api.queues.drained();
    expect(await objectsUnder(ann.objectKey)).toEqual([]);
    expect(api.queues.deadLetters('CleanupWorker')).toEqual([]);

    // It has left the queue, and a second decision is refused.
    expect((await reportItems()).map((item) => item.reportId)).not.toContain(filed.id);
    const twice = await resolve(mod.token, filed.id, 'dismiss');
    expect({ status: twice.status, code: (twice.json as ErrorBody).error.code }).toEqual({
      status: 409,
      code: 'report_resolved',
    });
  });

  it('suspend an account: every route then refuses the owner, and sign-in is disabled', async () => {
    const ann = await personWithImage('a gannet diving');
    const mod = await moderator();
    const filed = (await report(ann.token, { target: { imageId: ann.imageId }, reason: 'harassment' }))
      .json as ReportBody;

    expect((await resolve(mod.token, filed.id, 'suspend_account')).status).toBe(200);

    const me = await api.request('GET', '/v1/me', { token: ann.token });
    expect({ status: me.status, code: (me.json as ErrorBody).error.code }).toEqual({
      status: 403,
      code: 'account_disabled',
    });
    const images = await api.request('GET', `/v1/images/${ann.imageId}`, { token: ann.token });
    expect(images.status).toBe(403);
    const { Item } = await documentClient.send(
      new GetCommand({ TableName: table(), Key: keys.profile(ann.sub), ConsistentRead: true }),
    );
    expect(Item?.status).toBe('DISABLED');
  });

  it('delete an account for underage_user: the deletion workflow runs and closes the report', async () => {
    const ann = await personWithImage('a puppy in a garden');
    const mod = await moderator();
    const filed = (await report(ann.token, { target: { imageId: ann.imageId }, reason: 'underage_user' }))
      .json as ReportBody;
    const notUnderage = (await report(ann.token, { target: { generationId: ann.generation.id }, reason: 'other' }))
      .json as ReportBody;

    const wrongReason = await resolve(mod.token, notUnderage.id, 'delete_account');
    expect({ status: wrongReason.status, code: (wrongReason.json as ErrorBody).error.code }).toEqual({
      status: 422,
      code: 'action_not_allowed',
    });
    expect((await resolve(mod.token, filed.id, 'delete_account')).status).toBe(200);

    const execution = await api.stepFunctions.waitForExecution(executionNameFor(ann.sub));
    expect(execution.status).toBe('SUCCEEDED');
    const partition = await documentClient.send(
      new QueryCommand({
        TableName: table(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.userPartition(ann.sub) },
        ConsistentRead: true,
      }),
    );
    expect(partition.Items?.map((item) => item.sk)).toEqual(['PROFILE']);
    // The moderator's decision stays; the open one is closed; neither names the owner or keeps their words.
    expect(await storedReport(filed.id)).toMatchObject({ state: 'RESOLVED', resolution: 'delete_account' });
    expect(await storedReport(notUnderage.id)).toMatchObject({ state: 'RESOLVED', resolution: 'owner_deleted' });
    for (const reportId of [filed.id, notUnderage.id]) {
      const item = await storedReport(reportId);
      expect(JSON.stringify(item)).not.toContain(ann.sub);
      expect(item?.queuePk).toBeUndefined();
    }
  });

  it('keep a report in the queue when its reporter’s account is deleted, without naming them', async () => {
    const ann = await personWithImage('a curlew');
    const filed = (await report(ann.token, { target: { imageId: ann.imageId }, reason: 'copyright', details: 'Mine.' }))
      .json as ReportBody;
    // A report Ann filed through a share of Bea's (ShareTargets is B's, wired at merge): written as the use case would.
    const bea = await personWithImage('a stonechat');
    const { reportDeletionRepository } = await import('../../lambdas/adapters/dynamodb/report-deletion-repository');
    const { reportRepository } = await import('../../lambdas/adapters/dynamodb/report-repository');
    const sharedReportId = 'sharedReport0000000001';
    await reportRepository(documentClient, table()).file({
      reportId: sharedReportId,
      reporterId: ann.sub,
      subject: {
        ownerId: bea.sub,
        generationId: bea.generation.id,
        imageIds: [bea.imageId],
        via: 'share',
        linkId: 'link0000000001',
      },
      reason: 'hate',
      details: 'Ann’s words.',
      state: 'OPEN',
      createdAt: new Date().toISOString(),
    });

    expect((await api.request('DELETE', '/v1/me', { token: ann.token })).status).toBe(202);
    expect((await api.stepFunctions.waitForExecution(executionNameFor(ann.sub))).status).toBe('SUCCEEDED');

    const shared = await storedReport(sharedReportId);
    expect(shared).toMatchObject({ state: 'OPEN', queuePk: keys.openQueue.queuePk, subject: { ownerId: bea.sub } });
    expect(shared?.reporterId).toBeUndefined();
    expect(shared?.details).toBeUndefined();
    expect(shared?.gsi1pk).toBeUndefined();
    // Her report about her own content is closed with the content.
    expect(await storedReport(filed.id)).toMatchObject({ state: 'RESOLVED', resolution: 'owner_deleted' });
    // Running the forgetting again changes nothing (the step may be retried).
    await reportDeletionRepository(documentClient, table()).forgetAccount(ann.sub, new Date().toISOString());
    expect(await storedReport(sharedReportId)).toEqual(shared);
  });

  it('write an audit entry for every action, newest first, with no prompt or image', async () => {
    const ann = await personWithImage('a secret recipe for soup');
    const mod = await moderator();
    const dismissed = (await report(ann.token, { target: { imageId: ann.imageId }, reason: 'other' }))
      .json as ReportBody;
    const takenDown = (await report(ann.token, { target: { generationId: ann.generation.id }, reason: 'sexual' }))
      .json as ReportBody;
    await resolve(mod.token, dismissed.id, 'dismiss');
    await resolve(mod.token, takenDown.id, 'take_down');
    await api.queues.drained();

    dynamo.reset();
    const log = await api.request('GET', '/v1/moderation/audit?limit=50', { token: mod.token });
    expect(dynamo.names.sort()).toEqual(['GetItemCommand', 'QueryCommand']);
    const entries = (log.json as { entries: Array<Record<string, any>> }).entries.filter((entry) =>
      [dismissed.id, takenDown.id].includes(entry.reportId),
    );
    expect(entries.map((entry) => [entry.reportId, entry.action, entry.moderatorId, entry.reason])).toEqual([
      [takenDown.id, 'take_down', mod.sub, 'sexual'],
      [dismissed.id, 'dismiss', mod.sub, 'other'],
    ]);
    expect(entries[0]).toMatchObject({
      at: expect.any(String),
      target: { via: 'generation', imageIds: [ann.imageId] },
    });
    const text = JSON.stringify(entries);
    expect(text).not.toContain(ann.prompt);
    expect(text).not.toContain('users/');
    expect(text).not.toContain(ann.sub);
  });

  it('leave no prompt, token, share token or email in the logs', async () => {
    const ann = await personWithImage('a very particular prompt about walruses');
    const mod = await moderator();
    const filed = (
      await report(ann.token, { target: { imageId: ann.imageId }, reason: 'other', details: 'Walrus words.' })
    ).json as ReportBody;
    await api.request('GET', `/v1/moderation/reports/${filed.id}`, { token: mod.token });
    await api.request('POST', `/s/${'C'.repeat(22)}/report`, { body: { reason: 'sexual' } });
    const logs = api.logs.join('\n');
    for (const secret of [ann.prompt, 'Walrus words', ann.token, mod.token, '@example.com', 'C'.repeat(22)]) {
      expect(logs).not.toContain(secret);
    }
  });
});
