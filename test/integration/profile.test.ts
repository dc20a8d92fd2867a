/**
 * The profile slice end to end: real handlers behind the local API Gateway, real Cognito
 * tokens, DynamoDB Local. What a person can and cannot do with their own profile.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { countDynamoRequests } from '../support/generation-flow';
import * as keys from '../../lambdas/adapters/dynamodb/keys';
import { startTestApi, type TestApi } from '../support/local-api';
import { mintForeignIssuerToken } from '../support/tokens';

interface ProfileBody {
  id: string;
  displayName: string | null;
  status: string;
  credits: { balance: number };
  settings: Record<string, unknown> & { notifications: Record<string, boolean> };
  consents: {
    privacyPolicy: { version: string; acceptedAt: string } | null;
    ageConfirmedAt: string | null;
    privacyPolicyConsentNeeded: boolean;
    currentPrivacyPolicyVersion: string;
  };
  createdAt: string;
}
interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

let api: TestApi;
const table = () => process.env.TABLE_NAME!;
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** The DynamoDB requests (wire-level command names) the handlers send; they run in this process. */
const dynamo = countDynamoRequests();

const newEmail = () => `person-${randomUUID()}@example.com`;

async function signedIn(): Promise<{ token: string; sub: string }> {
  const user = await api.signInUser(newEmail());
  return { token: user.accessToken, sub: user.sub };
}

async function ledgerOf(userId: string) {
  const { Items } = await db.send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ledger)',
      ExpressionAttributeValues: { ':pk': keys.userPartition(userId), ':ledger': keys.sortKeyPrefix.ledger },
    }),
  );
  return Items ?? [];
}

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(() => api.close());

describe('GET /v1/me', () => {
  it('creates the profile with the starter credits at first call; reads it back in one DynamoDB request', async () => {
    const { token, sub } = await signedIn();

    const first = await api.request('GET', '/v1/me', { token });
    dynamo.reset();
    const second = await api.request('GET', '/v1/me', { token });

    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ id: sub, status: 'ACTIVE', credits: { balance: 20 }, displayName: null });
    expect(second.json).toEqual(first.json);
    expect(dynamo.names).toEqual(['GetItemCommand']);
    expect(await ledgerOf(sub)).toEqual([
      expect.objectContaining({ kind: 'STARTER_GRANT', amount: 20, balanceAfter: 20 }),
    ]);
  });

  it('grants the starter credits once when many first calls race', async () => {
    const { token, sub } = await signedIn();

    const responses = await Promise.all(Array.from({ length: 25 }, () => api.request('GET', '/v1/me', { token })));

    expect(responses.map((r) => r.status)).toEqual(Array(25).fill(200));
    expect(new Set(responses.map((r) => (r.json as ProfileBody).createdAt)).size).toBe(1);
    expect(responses.every((r) => (r.json as ProfileBody).credits.balance === 20)).toBe(true);
    expect(await ledgerOf(sub)).toHaveLength(1);
  });

  it('answers 401 without a token and with a token from another issuer', async () => {
    const without = await api.request('GET', '/v1/me');
    const foreign = await api.request('GET', '/v1/me', { token: mintForeignIssuerToken() });

    expect(without.status).toBe(401);
    expect(foreign.status).toBe(401);
  });

  it('refuses an ID token, which API Gateway would let through', async () => {
    const user = await api.signInUser(newEmail());

    const response = await api.request('GET', '/v1/me', { token: user.idToken });

    expect(response.status).toBe(401);
    expect((response.json as ErrorBody).error.code).toBe('unauthenticated');
  });
});

describe("one person's profile is theirs alone", () => {
  it("never lets user B read or change user A's profile, whatever B puts in the request", async () => {
    const ann = await signedIn();
    const bob = await signedIn();
    await api.request('PATCH', '/v1/me', { token: ann.token, body: { displayName: 'Ann' } });

    const bobReads = await api.request('GET', `/v1/me?userId=${ann.sub}`, {
      token: bob.token,
      headers: { 'x-user-id': ann.sub },
    });
    const bobWrites = await api.request('PATCH', '/v1/me', {
      token: bob.token,
      body: { userId: ann.sub, displayName: 'Bob' },
    });
    const bobByPath = await api.request('GET', `/v1/users/${ann.sub}`, { token: bob.token });
    const annAfter = await api.request('GET', '/v1/me', { token: ann.token });

    expect((bobReads.json as ProfileBody).id).toBe(bob.sub);
    expect(bobReads.text).not.toContain('Ann');
    expect(bobWrites.status).toBe(400);
    expect(bobByPath.status).toBe(404);
    expect(annAfter.json).toMatchObject({ id: ann.sub, displayName: 'Ann' });
  });
});

describe('PATCH /v1/me', () => {
  it('changes the display name and settings, and GET shows them', async () => {
    const { token } = await signedIn();

    const patched = await api.request('PATCH', '/v1/me', {
      token,
      body: {
        displayName: 'Ann',
        settings: { theme: 'dark', language: 'pt-BR', notifications: { productNews: true } },
      },
    });
    const read = await api.request('GET', '/v1/me', { token });

    expect(patched.status).toBe(200);
    expect(read.json).toMatchObject({
      displayName: 'Ann',
      settings: {
        theme: 'dark',
        language: 'pt-BR',
        defaultAspectRatio: '1:1',
        notifications: { generationComplete: true, productNews: true },
      },
    });
  });

  it('creates the profile with its starter grant when PATCH is the first call', async () => {
    const { token, sub } = await signedIn();

    const patched = await api.request('PATCH', '/v1/me', { token, body: { settings: { theme: 'light' } } });

    expect(patched.json).toMatchObject({ id: sub, credits: { balance: 20 }, settings: { theme: 'light' } });
    expect(await ledgerOf(sub)).toHaveLength(1);
  });

  it.each([
    ['credits', { credits: 999 }],
    ['status', { status: 'ACTIVE' }],
    ['role', { role: 'moderator' }],
    ['createdAt', { createdAt: '2000-01-01T00:00:00.000Z' }],
  ])('refuses the server-owned field %s with 400 and writes nothing', async (field, body) => {
    const { token } = await signedIn();
    const before = await api.request('GET', '/v1/me', { token });

    const response = await api.request('PATCH', '/v1/me', { token, body: { displayName: 'Mallory', ...body } });
    const after = await api.request('GET', '/v1/me', { token });

    expect(response.status).toBe(400);
    expect((response.json as ErrorBody).error).toMatchObject({ code: 'unknown_field', field });
    expect(after.json).toEqual(before.json);
  });

  it.each([
    [
      'malformed JSON',
      { rawBody: '{"displayName":', headers: { 'content-type': 'application/json' } },
      400,
      'malformed_json',
    ],
    ['a wrong type', { body: { displayName: 42 } }, 400, 'invalid_request'],
    ['a wrong nested type', { body: { settings: { notifications: { productNews: 'yes' } } } }, 400, 'invalid_request'],
    ['a body over the route limit', { body: { displayName: 'x'.repeat(40_000) } }, 413, 'payload_too_large'],
  ])('answers %s with a 4xx and a clear code, changing nothing', async (_name, options, status, code) => {
    const { token } = await signedIn();
    const before = await api.request('GET', '/v1/me', { token });

    const response = await api.request('PATCH', '/v1/me', { token, ...options });
    const after = await api.request('GET', '/v1/me', { token });

    expect(response.status).toBe(status);
    expect((response.json as ErrorBody).error.code).toBe(code);
    expect(after.json).toEqual(before.json);
  });

  it('answers a body over API Gateway’s 10 MB limit with 413 before any handler runs', async () => {
    const { token } = await signedIn();
    dynamo.reset();

    const response = await api.request('PATCH', '/v1/me', {
      token,
      rawBody: 'x'.repeat(10 * 1024 * 1024 + 1),
      headers: { 'content-type': 'application/json' },
    });

    expect(response.status).toBe(413);
    expect(dynamo.names).toEqual([]);
  });

  it('writes with exactly one DynamoDB request', async () => {
    const { token } = await signedIn();
    await api.request('GET', '/v1/me', { token });
    dynamo.reset();

    await api.request('PATCH', '/v1/me', { token, body: { displayName: 'Ann' } });

    expect(dynamo.names).toEqual(['UpdateItemCommand']);
  });
});

describe('POST /v1/me/consents', () => {
  it('records the current policy version and the age confirmation with their times', async () => {
    const { token } = await signedIn();
    const before = (await api.request('GET', '/v1/me', { token })).json as ProfileBody;

    const response = await api.request('POST', '/v1/me/consents', {
      token,
      body: { privacyPolicyVersion: before.consents.currentPrivacyPolicyVersion, ageConfirmed: true },
    });

    const consents = (response.json as ProfileBody).consents;
    expect(before.consents.privacyPolicyConsentNeeded).toBe(true);
    expect(response.status).toBe(200);
    expect(consents.privacyPolicyConsentNeeded).toBe(false);
    expect(consents.privacyPolicy?.version).toBe(before.consents.currentPrivacyPolicyVersion);
    expect(Date.parse(consents.privacyPolicy!.acceptedAt)).not.toBeNaN();
    expect(Date.parse(consents.ageConfirmedAt!)).not.toBeNaN();
  });

  it('refuses an outdated policy version with 409 policy_version_outdated', async () => {
    const { token } = await signedIn();

    const response = await api.request('POST', '/v1/me/consents', {
      token,
      body: { privacyPolicyVersion: '1999-01-01' },
    });

    expect(response.status).toBe(409);
    expect((response.json as ErrorBody).error.code).toBe('policy_version_outdated');
  });
});

describe('an account being deleted', () => {
  it('refuses every profile route while its access token is still valid', async () => {
    const { token, sub } = await signedIn();
    await api.request('GET', '/v1/me', { token });
    await db.send(
      new UpdateCommand({
        TableName: table(),
        Key: keys.profile(sub),
        UpdateExpression: 'SET #status = :deleting',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':deleting': 'DELETING' },
      }),
    );

    const responses = await Promise.all([
      api.request('GET', '/v1/me', { token }),
      api.request('PATCH', '/v1/me', { token, body: { displayName: 'Still here?' } }),
      api.request('POST', '/v1/me/consents', { token, body: { ageConfirmed: true } }),
    ]);

    expect(responses.map((r) => [r.status, (r.json as ErrorBody).error.code])).toEqual([
      [403, 'account_deleting'],
      [403, 'account_deleting'],
      [403, 'account_deleting'],
    ]);
  });
});
