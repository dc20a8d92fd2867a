/**
 * POST /v1/images/{id}/actions end to end: an entry in the owner's partition carrying its TTL,
 * left out by every reader once expired, one transaction after the image read, and the day's
 * counters per action type and model, which hold no user id, image id or channel.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { actionCountsReader, actionLogReader } from '../../lambdas/adapters/dynamodb/action-log-repository';
import { documentClient } from '../../lambdas/adapters/dynamodb/client';
import * as items from '../../lambdas/adapters/dynamodb/items';
import { actionLogLifetimeDays, utcDay, type ImageAction } from '../../lambdas/domain/images/action-log';
import { readActionCounts } from '../../lambdas/domain/images/read-action-counts';
import { readMyActionLog } from '../../lambdas/domain/images/read-my-action-log';
import type { ImageActionView } from '../../lambdas/domain/images/record-image-action';
import { countDynamoRequests, type ErrorBody } from '../support/generation-flow';
import { counterItemsOf, libraryRemainsOf, personWithImage } from '../support/library-flow';
import { startTestApi, type TestApi } from '../support/local-api';

let api: TestApi;
const dynamo = countDynamoRequests();
const table = () => process.env.TABLE_NAME!;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const run = promisify(execFile);
const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const record = (token: string, imageId: string, body: unknown) =>
  api.request('POST', `/v1/images/${imageId}/actions`, { token, body });

describe('POST /v1/images/{id}/actions', () => {
  it(
    'records the entry in the owner partition with its ' + 'TTL, in the image read and one guarded transaction',
    async () => {
      const ann = await personWithImage(api);

      dynamo.reset();
      const response = await record(ann.token, ann.imageId, {
        type: 'share',
        channel: 'com.apple.UIKit.activity.Message',
      });

      expect(dynamo.names).toEqual(['GetItemCommand', 'TransactWriteItemsCommand']);
      expect(response.status).toBe(201);
      const answer = response.json as ImageActionView;
      expect(answer).toMatchObject({
        imageId: ann.imageId,
        type: 'share',
        channel: 'com.apple.UIKit.activity.Message',
      });
      const { actionEntries } = await libraryRemainsOf(ann.sub, [ann.conversationId]);
      const entry = actionEntries.find((item) => item.pk === `USER#${ann.sub}`);
      expect(entry).toMatchObject({
        userId: ann.sub,
        imageId: ann.imageId,
        actionId: answer.id,
        ttl: expect.any(Number),
      });
      const lifetime = Number(entry?.ttl) - Date.parse(answer.createdAt) / 1000;
      expect(Math.round(lifetime / 86_400)).toBe(actionLogLifetimeDays);
      expect(new Date(Number(entry?.ttl) * 1000).toISOString()).toBe(answer.expiresAt);
    },
  );

  it('adds one to the day counter of the action type and model, which names no person, image or channel', async () => {
    const ann = await personWithImage(api);
    const day = utcDay(new Date());
    const totalOf = async (type: string) =>
      (await actionCountsReader(documentClient, table()).day(day)).find((count) => count.type === type)?.count ?? 0;
    const [savesBefore, sharesBefore] = [await totalOf('save'), await totalOf('share')];

    for (const body of [{ type: 'save' }, { type: 'save', channel: 'photos' }, { type: 'share', channel: 'telegram' }])
      expect((await record(ann.token, ann.imageId, body)).status).toBe(201);

    expect([await totalOf('save'), await totalOf('share')]).toEqual([savesBefore + 2, sharesBefore + 1]);
    const counters = await counterItemsOf(day);
    expect(counters.length).toBeGreaterThan(0);
    for (const counter of counters) {
      expect(Object.keys(counter).sort()).toEqual(
        ['count', 'day', 'entityType', 'modelId', 'pk', 'sk', 'ttl', 'type'].sort(),
      );
    }
    const stored = JSON.stringify(counters);
    for (const personal of [ann.sub, ann.imageId, ann.conversationId, 'telegram', 'photos'])
      expect(stored).not.toContain(personal);
  });

  it('prints the daily totals for the operator with npm run stats, against a stage table', async () => {
    const ann = await personWithImage(api);
    await record(ann.token, ann.imageId, { type: 'save' });
    const expected = await readActionCounts(
      { counts: actionCountsReader(documentClient, table()), now: () => new Date() },
      7,
    );

    // The entry point itself, in a child: `--table` takes the SDK's environment (here, the emulator's).
    const { stdout } = await run('npx', ['tsx', 'bin/stats.ts', 'actions', '--days', '7', '--table', table()], {
      env: process.env,
    });

    expect(expected).toContainEqual(expect.objectContaining({ day: utcDay(new Date()), type: 'save' }));
    for (const count of expected) {
      expect(stdout).toMatch(
        new RegExp(`${count.day}\\s+${count.type}\\s+${literally(count.modelId)}\\s+${count.count}\\b`),
      );
    }
    expect(stdout).not.toContain(ann.sub);
  });

  it('leaves an expired entry out of what export reads, before TTL has removed it', async () => {
    const ann = await personWithImage(api);
    const live = (await record(ann.token, ann.imageId, { type: 'save' })).json as ImageActionView;
    const longAgo = new Date(Date.now() - (actionLogLifetimeDays + 1) * 86_400_000);
    const expired: ImageAction = {
      actionId: '01EXPIREDENTRY0000000000000',
      userId: ann.sub,
      imageId: ann.imageId,
      conversationId: ann.conversationId,
      generationId: ann.generationId,
      type: 'share',
      modelId: 'stable-image-core',
      createdAt: longAgo.toISOString(),
      expiresAt: Math.floor(Date.now() / 1000) - 86_400,
    };
    await documentClient.send(new PutCommand({ TableName: table(), Item: items.imageAction.to(expired) }));

    const exported = await readMyActionLog(
      { actionLog: actionLogReader(documentClient, table()), now: () => new Date() },
      ann.sub,
    );

    expect((await libraryRemainsOf(ann.sub, [])).actionEntries.map((entry) => entry.actionId).sort()).toEqual(
      [expired.actionId, live.id].sort(),
    );
    expect(exported.map((entry) => entry.actionId)).toEqual([live.id]);
  });

  it.each([
    [{ type: 'like' }, 'type'],
    [{ type: 'save', channel: 'Ann <ann@example.com>' }, 'channel'],
    [{ type: 'save', channel: 'x'.repeat(101) }, 'channel'],
    [{ type: 'save', extra: true }, 'extra'],
  ])('refuses %j with 400 and records nothing', async (body, field) => {
    const ann = await personWithImage(api);

    const response = await record(ann.token, ann.imageId, body);

    expect(response.status).toBe(400);
    expect(JSON.stringify((response.json as ErrorBody).error)).toContain(field);
    expect((await libraryRemainsOf(ann.sub, [ann.conversationId])).actionEntries).toEqual([]);
  });
});
