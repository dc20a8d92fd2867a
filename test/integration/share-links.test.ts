/**
 * Share links end to end on the local emulators (docs/sharing.md): created with a token shown
 * once and stored only hashed; listed and revoked by their owner alone; the public page and image
 * answered signed out with strict headers, and the same 404 for every dead or malformed share;
 * the links go with their image, their conversation (the request or the outbox sweeper) and
 * their account. On a table of this file's own: it runs the outbox sweeper and scans the table.
 */
import '../support/info-logs';
import { GetCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../lambdas/adapters/dynamodb/client';
import { conversationRepository } from '../../lambdas/adapters/dynamodb/conversation-repository';
import * as keys from '../../lambdas/adapters/dynamodb/keys';
import { maxShareLinksPerImage } from '../../lambdas/domain/shares/share-link';
import { hashShareToken, newShareToken } from '../../lambdas/domain/shares/share-token';
import { executionNameFor } from '../../lambdas/domain/account-deletion/deletion';
import { countDynamoRequests, signedIn, type ErrorBody } from '../support/generation-flow';
import { startTestApi, type TestApi } from '../support/local-api';
import {
  createLink,
  nothingLeft,
  personWithImage,
  signedOut,
  whatRemainsOfLink,
  type CreatedLink,
  type SharedImage,
} from '../support/share-flow';
import { meterUsage, type UsageMeter } from '../support/usage-meter';

let api: TestApi;
let meter: UsageMeter;
const dynamo = countDynamoRequests();
const table = () => process.env.TABLE_NAME!;

// Each test generates an image first (the worker, the local model, S3): on a shared 2-core machine that
// alone can pass jest's 5 s, and starting the emulators of this file's own table more so.
jest.setTimeout(60_000);

beforeAll(async () => {
  api = await startTestApi({ ownTable: true });
  meter = meterUsage();
});
afterAll(async () => {
  meter?.stop();
  await api?.close();
});

const page = (link: Pick<CreatedLink, 'token'>) => signedOut(api, `/s/${link.token}`);
const picture = (link: Pick<CreatedLink, 'token'>) => signedOut(api, `/s/${link.token}/image`);

/** The 404 every dead or malformed share answers, byte for byte. */
const noSuchShare = JSON.stringify({ error: { code: 'not_found', message: 'No such share.' } });

async function expectDead(link: Pick<CreatedLink, 'token'>) {
  for (const response of [await page(link), await picture(link)]) {
    expect({ status: response.status, text: response.text, location: response.headers.location }).toEqual({
      status: 404,
      text: noSuchShare,
      location: undefined,
    });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.setCookie).toEqual([]);
  }
}

/** Sets attributes straight in the table (`#status` names `status`), as another part's writer would. */
async function updateItem(Key: keys.ItemKey, set: string, values: Record<string, unknown>) {
  await documentClient.send(
    new UpdateCommand({
      TableName: table(),
      Key,
      UpdateExpression: `SET ${set}`,
      ...(set.includes('#status') ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
      ExpressionAttributeValues: values,
    }),
  );
}

/** The image item's `shareLinkCount`, as the library part shows it. */
async function shareLinkCountOf(owner: SharedImage): Promise<unknown> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: table(), Key: keys.image(owner.sub, owner.imageId), ConsistentRead: true }),
  );
  return Item?.shareLinkCount;
}

describe('POST /v1/images/{imageId}/share-links', () => {
  it('answers 201 with a token of 256 random bits and its URL, and the table holds only its hash', async () => {
    const owner = await personWithImage(api);

    const created = await createLink(api, owner, { expiresInSeconds: 3600 });

    expect(created).toEqual({
      linkId: expect.stringMatching(/^[0-9A-Z]{26}$/),
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      url: `${api.url}/s/${created.token}`,
      createdAt: expect.any(String),
      expiresAt: new Date(Date.parse(created.createdAt) + 3600_000).toISOString(),
    });
    const { Items = [] } = await documentClient.send(new ScanCommand({ TableName: table() }));
    const everything = JSON.stringify(Items);
    expect(everything).not.toContain(created.token);
    expect(everything).toContain(hashShareToken(created.token));
  });

  it('draws a different token every time', async () => {
    const owner = await personWithImage(api);
    const tokens: string[] = [];
    for (let i = 0; i < maxShareLinksPerImage; i += 1) tokens.push((await createLink(api, owner)).token);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it(`refuses link ${maxShareLinksPerImage + 1} with 409 share_link_limit and keeps the count`, async () => {
    const owner = await personWithImage(api);
    const made: CreatedLink[] = [];
    for (let i = 0; i < maxShareLinksPerImage; i += 1) made.push(await createLink(api, owner));

    const refused = await api.request('POST', `/v1/images/${owner.imageId}/share-links`, { token: owner.token });

    expect(refused.status).toBe(409);
    expect((refused.json as ErrorBody).error.code).toBe('share_link_limit');
    expect((await api.request('DELETE', `/v1/share-links/${made[0].linkId}`, { token: owner.token })).status).toBe(204);
    await createLink(api, owner);
  });

  it('takes two DynamoDB requests: the image with the account, then one transaction', async () => {
    const owner = await personWithImage(api);
    dynamo.reset();
    await createLink(api, owner);
    expect(dynamo.names).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand']);
  });

  it("answers 404 for another person's image, and writes nothing", async () => {
    const owner = await personWithImage(api);
    const other = await signedIn(api);
    const attempt = await api.request('POST', `/v1/images/${owner.imageId}/share-links`, { token: other.token });
    expect(attempt.status).toBe(404);
    expect((await api.request('GET', '/v1/share-links', { token: owner.token })).json).toEqual({
      shareLinks: [],
      nextCursor: null,
    });
    expect((await api.request('GET', '/v1/share-links', { token: other.token })).json).toEqual({
      shareLinks: [],
      nextCursor: null,
    });
  });

  it.each([{ expiresInSeconds: 59 }, { expiresInSeconds: 366 * 86_400 }, { expiresInSeconds: 1.5 }, { token: 'mine' }])(
    'refuses %j with 400',
    async (body) => {
      const owner = await personWithImage(api);
      const response = await api.request('POST', `/v1/images/${owner.imageId}/share-links`, {
        token: owner.token,
        body,
      });
      expect(response.status).toBe(400);
    },
  );
});

describe('GET /s/{token} and GET /s/{token}/image, signed out', () => {
  it('serve the page with escaped text, preview tags and strict headers, and a 302 to that one image', async () => {
    const owner = await personWithImage(api, 'Ann\'s <b>"lighthouse"</b> & co');
    const link = await createLink(api, owner);

    const shown = await page(link);

    expect(shown.status).toBe(200);
    expect(shown.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(shown.headers).toMatchObject({
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': expect.stringMatching(/^default-src 'none'; img-src 'self' http:; style-src 'sha256-/),
    });
    expect(shown.setCookie).toEqual([]);
    const title = 'Ann&#39;s &lt;b&gt;&quot;lighthouse&quot;&lt;/b&gt; &amp; co';
    expect(shown.text).toContain(`<title>${title}</title>`);
    expect(shown.text).not.toContain('<b>');
    expect(shown.text).toContain(`<meta property="og:title" content="${title}">`);
    expect(shown.text).toContain(`<meta property="og:image" content="${link.url}/image">`);
    expect(shown.text).toContain(`<meta property="og:url" content="${link.url}">`);
    expect(shown.text).toContain('<meta name="twitter:card" content="summary_large_image">');
    expect(shown.text).toContain(`<meta name="twitter:image" content="${link.url}/image">`);
    expect(shown.text).not.toContain('<script');

    const redirected = await picture(link);
    expect(redirected.status).toBe(302);
    expect(redirected.setCookie).toEqual([]);
    expect(redirected.headers['cache-control']).toBe('no-store');
    const location = new URL(redirected.headers.location);
    expect(decodeURIComponent(location.pathname)).toContain(`${owner.conversationId}/${owner.imageId}`);
    expect(Number(location.searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(15 * 60);
    const png = Buffer.from(await (await fetch(location)).arrayBuffer());
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('shows a neutral title for a conversation without one', async () => {
    const owner = await personWithImage(api);
    const shown = await page(await createLink(api, owner));
    expect(shown.text).toContain('<title>An image shared from Pictor</title>');
  });

  it('take two DynamoDB requests each: the token look-up, then the image with its conversation and owner', async () => {
    const owner = await personWithImage(api);
    const link = await createLink(api, owner);
    for (const open of [page, picture]) {
      dynamo.reset();
      expect((await open(link)).status).toBeLessThan(400);
      expect(dynamo.names).toEqual(['GetItemCommand', 'BatchGetItemCommand']);
    }
  });

  it.each(['', 'not-a-token', newShareToken().slice(1), `${newShareToken()}x`, '01JDQ4N8W7XK3M2P5R6T8V9Y0Z'])(
    'answer the same 404 for a malformed or unknown token (%j)',
    async (token) => {
      if (token === '') {
        // No token at all is no route: API Gateway's own 404.
        expect((await signedOut(api, '/s/')).status).toBe(404);
        return;
      }
      await expectDead({ token });
    },
  );

  it('answer the same 404 for a token never issued, without reading more than its look-up', async () => {
    dynamo.reset();
    await expectDead({ token: newShareToken() });
    expect(dynamo.names).toEqual(['GetItemCommand', 'GetItemCommand']);
  });

  it('answer the same 404 once the link is revoked, expired, taken down, or its conversation or owner go', async () => {
    const cases: Array<[string, (owner: SharedImage, link: CreatedLink) => Promise<unknown>]> = [
      ['revoked', (owner, link) => api.request('DELETE', `/v1/share-links/${link.linkId}`, { token: owner.token })],
      [
        'expired',
        (_, link) =>
          updateItem(keys.shareTokenByHash(hashShareToken(link.token)), 'expiresAt = :past', {
            ':past': new Date(Date.now() - 1000).toISOString(),
          }),
      ],
      [
        'taken down',
        (owner) =>
          updateItem(keys.image(owner.sub, owner.imageId), 'takenDownAt = :now', { ':now': new Date().toISOString() }),
      ],
      [
        'conversation being deleted',
        (owner) =>
          updateItem(keys.conversationById(owner.sub, owner.conversationId), '#status = :deleting', {
            ':deleting': 'DELETING',
          }),
      ],
      [
        'owner disabled',
        (owner) => updateItem(keys.profile(owner.sub), '#status = :disabled', { ':disabled': 'DISABLED' }),
      ],
      [
        'owner being deleted',
        (owner) => updateItem(keys.profile(owner.sub), '#status = :deleting', { ':deleting': 'DELETING' }),
      ],
    ];
    for (const [what, kill] of cases) {
      const owner = await personWithImage(api);
      const link = await createLink(api, owner, { expiresInSeconds: 3600 });
      expect((await page(link)).status).toBe(200);
      await kill(owner, link);
      await expectDead(link).catch((error: Error) => {
        throw new Error(`${what}: ${error.message}`);
      });
    }
  });

  it('log no token, in the handlers’ lines or the access log', async () => {
    const owner = await personWithImage(api);
    meter.reset();
    const logsBefore = api.logs.length;
    const link = await createLink(api, owner);
    await page(link);
    await picture(link);
    await api.request('GET', '/v1/share-links', { token: owner.token });
    await api.request('DELETE', `/v1/share-links/${link.linkId}`, { token: owner.token });
    await page(link);

    const lines = [...meter.logLines(), ...api.logs.slice(logsBefore)];
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.some((line) => line.includes('/s/{token}'))).toBe(true);
    for (const line of lines) expect(line).not.toContain(link.token);
  });
});

describe('GET /v1/share-links and DELETE /v1/share-links/{linkId}', () => {
  it('list the owner’s links newest first, with their state and no token; another person sees none', async () => {
    const owner = await personWithImage(api);
    const older = await createLink(api, owner);
    const newer = await createLink(api, owner);
    expect((await api.request('DELETE', `/v1/share-links/${older.linkId}`, { token: owner.token })).status).toBe(204);
    const other = await signedIn(api);

    dynamo.reset();
    const listed = await api.request('GET', '/v1/share-links', { token: owner.token });
    expect([...dynamo.names].sort()).toEqual(['GetItemCommand', 'QueryCommand']);

    expect((listed.json as { shareLinks: Array<{ linkId: string; state: string }> }).shareLinks).toEqual([
      { linkId: newer.linkId, imageId: owner.imageId, state: 'live', createdAt: newer.createdAt },
      {
        linkId: older.linkId,
        imageId: owner.imageId,
        state: 'revoked',
        createdAt: older.createdAt,
        revokedAt: expect.any(String),
      },
    ]);
    expect(listed.text).not.toContain(newer.token);
    expect(listed.text).not.toContain(hashShareToken(newer.token));
    expect((await api.request('GET', '/v1/share-links', { token: other.token })).json).toEqual({
      shareLinks: [],
      nextCursor: null,
    });
  });

  it('page with an opaque cursor', async () => {
    const owner = await personWithImage(api);
    const made = [await createLink(api, owner), await createLink(api, owner), await createLink(api, owner)];
    const first = (await api.request('GET', '/v1/share-links?limit=2', { token: owner.token })).json as {
      shareLinks: Array<{ linkId: string }>;
      nextCursor: string;
    };
    const second = (
      await api.request('GET', `/v1/share-links?limit=2&cursor=${first.nextCursor}`, { token: owner.token })
    ).json as { shareLinks: Array<{ linkId: string }>; nextCursor: string | null };
    expect([...first.shareLinks, ...second.shareLinks].map((link) => link.linkId)).toEqual(
      made.map((l) => l.linkId).reverse(),
    );
    expect(second.nextCursor).toBeNull();
  });

  it('revoke idempotently (204 twice) in two DynamoDB requests, and count the image down', async () => {
    const owner = await personWithImage(api);
    const link = await createLink(api, owner);
    expect(await shareLinkCountOf(owner)).toBe(1);
    dynamo.reset();
    expect((await api.request('DELETE', `/v1/share-links/${link.linkId}`, { token: owner.token })).status).toBe(204);
    expect(dynamo.names).toEqual(['BatchGetItemCommand', 'TransactWriteItemsCommand']);
    expect((await api.request('DELETE', `/v1/share-links/${link.linkId}`, { token: owner.token })).status).toBe(204);
    const remains = await whatRemainsOfLink(owner, link);
    expect(await shareLinkCountOf(owner)).toBe(0);
    expect(remains.tokenItem).toBeUndefined();
    expect(remains.linkItem).toMatchObject({ revokedAt: expect.any(String), ttl: expect.any(Number) });
    await expectDead(link);
  });

  it("answer 404 to another person revoking A's link, and A's link still opens", async () => {
    const owner = await personWithImage(api);
    const link = await createLink(api, owner);
    const other = await signedIn(api);

    const attempt = await api.request('DELETE', `/v1/share-links/${link.linkId}`, { token: other.token });

    expect(attempt.status).toBe(404);
    expect((attempt.json as ErrorBody).error.code).toBe('not_found');
    expect((await page(link)).status).toBe(200);
  });
});

describe('the links go with what they share', () => {
  it('when the image is deleted: every key of its links, live and revoked, in the same request', async () => {
    const owner = await personWithImage(api);
    const live = await createLink(api, owner);
    const revoked = await createLink(api, owner);
    await api.request('DELETE', `/v1/share-links/${revoked.linkId}`, { token: owner.token });

    expect((await api.request('DELETE', `/v1/images/${owner.imageId}`, { token: owner.token })).status).toBe(204);

    expect(await whatRemainsOfLink(owner, live)).toEqual(nothingLeft);
    expect(await whatRemainsOfLink(owner, revoked)).toEqual(nothingLeft);
    await expectDead(live);
  });

  it('when the conversation is deleted', async () => {
    const owner = await personWithImage(api);
    const link = await createLink(api, owner);
    expect(
      (await api.request('DELETE', `/v1/conversations/${owner.conversationId}`, { token: owner.token })).status,
    ).toBe(204);
    expect(await whatRemainsOfLink(owner, link)).toEqual(nothingLeft);
    await expectDead(link);
  });

  it("when the outbox sweeper finishes a conversation's deletion that stopped after marking it", async () => {
    const owner = await personWithImage(api);
    const link = await createLink(api, owner);
    // The request's first step alone, as if it crashed right after it: marked DELETING, in the outbox.
    await conversationRepository(documentClient, table()).markDeleting(
      owner.sub,
      owner.conversationId,
      new Date().toISOString(),
    );
    await expectDead(link);
    expect((await whatRemainsOfLink(owner, link)).linkItem).toBeDefined();

    await api.scheduled.run('OutboxSweeper', {});

    expect(await whatRemainsOfLink(owner, link)).toEqual(nothingLeft);
  });

  it('when the account is deleted: the workflow erases the links and their token look-ups', async () => {
    const owner = await personWithImage(api);
    const link = await createLink(api, owner);
    expect((await api.request('DELETE', '/v1/me', { token: owner.token })).status).toBe(202);
    await expectDead(link);

    const execution = await api.stepFunctions.waitForExecution(executionNameFor(owner.sub));

    expect(execution.status).toBe('SUCCEEDED');
    expect(await whatRemainsOfLink(owner, link)).toEqual(nothingLeft);
  });
});
