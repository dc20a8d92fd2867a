/**
 * The security matrix (SECURITY B; issue 15), by construction: every case below is generated from
 * `lib/routes/`, so a route added tomorrow is covered without being listed here, and a route whose
 * path ids this file cannot fill fails the suite until the fixture owns one of them.
 *
 * - authentication: every JWT route refuses no token, a token from another issuer, an expired
 *   token (the authorizer) and an ID token (the route stack) with 401;
 * - groups: every route of a Cognito group refuses an ordinary user with 403 `group_required`;
 * - object level: every route with a path id answers another person 404 `not_found`, and the
 *   owner's items and objects are unchanged afterwards;
 * - cursors: every route that pages refuses a hostile cursor with 400, and a cursor taken from
 *   another person's page never shows their items;
 * - bodies: every route that reads a JSON body refuses generic hostile bodies (malformed JSON,
 *   wrong types, deep nesting, an oversized body, unknown and server-owned fields) with a 4xx and a
 *   stable code, on the owner's own ids, and writes nothing.
 */
import { join } from 'node:path';
import type { RouteHandler } from '../../lambdas/shared/http/route';
import { routes, type RouteDefinition } from '../../lib/routes';
import type { ErrorBody } from '../support/generation-flow';
import { startTestApi, type TestApi } from '../support/local-api';
import { answersTo, everythingOf, personWithEverything } from '../support/person-with-everything';
import { mintExpiredToken, mintForeignIssuerToken } from '../support/tokens';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});

afterAll(() => api.close());

/** An id of the issued shape, so a refusal below is never the path-id format check's. */
const issuedId = '01JDQ4N8W7XK3M2P5R6T8V9Y0Z';
const anyPath = (route: RouteDefinition) => route.path.replace(/\{\w+\}/g, issuedId);
const pathIdsOf = (route: RouteDefinition) => [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
const errorCode = (json: unknown) => (json as ErrorBody | undefined)?.error?.code;

const jwtRoutes = routes.filter((route) => route.auth.kind === 'jwt');
const groupRoutes = jwtRoutes.filter((route) => route.auth.kind === 'jwt' && route.auth.group !== undefined);
const ownedRoutes = jwtRoutes.filter((route) => !groupRoutes.includes(route));

// Loaded while jest collects the tests, so each contract's query names the cursor cases.
const handlers: Readonly<Record<string, RouteHandler>> = Object.fromEntries(
  routes.map((route) => [
    route.id,
    (require(join(__dirname, '../..', route.entry)) as { handler: RouteHandler }).handler,
  ]),
);
const pagedRoutes = ownedRoutes.filter((route) => {
  const query = handlers[route.id].contract.query as { entries?: Record<string, unknown> } | undefined;
  return query?.entries?.cursor !== undefined && pathIdsOf(route).length === 0;
});

describe('every JWT route', () => {
  it('is found in the route table', () => {
    expect(jwtRoutes.length).toBeGreaterThan(20);
  });

  it.each(jwtRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s refuses no token, another issuer and an expired token with 401',
    async (_name, route) => {
      const tokens = [undefined, mintForeignIssuerToken(), mintExpiredToken()];

      const statuses = [];
      for (const token of tokens) statuses.push((await api.request(route.method, anyPath(route), { token })).status);

      expect(statuses).toEqual([401, 401, 401]);
    },
  );

  it.each(jwtRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s refuses an ID token with 401 unauthenticated',
    async (_name, route) => {
      const user = await api.signInUser(`id-token-${route.id.toLowerCase()}@example.com`);

      const response = await api.request(route.method, anyPath(route), { token: user.idToken });

      expect([response.status, errorCode(response.json)]).toEqual([401, 'unauthenticated']);
    },
  );
});

describe('every route of a group', () => {
  it('is found in the route table', () => {
    expect(groupRoutes.length).toBeGreaterThan(0);
  });

  it.each(groupRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s refuses a signed-in person outside the group with 403 group_required',
    async (_name, route) => {
      const user = await api.signInUser('outside-every-group@example.com');

      const response = await api.request(route.method, anyPath(route), {
        token: user.accessToken,
        body: route.method === 'GET' ? undefined : {},
      });

      expect([response.status, errorCode(response.json)]).toEqual([403, 'group_required']);
    },
  );
});

describe('every route with a path id', () => {
  const routesWithIds = ownedRoutes.filter((route) => pathIdsOf(route).length > 0);

  it("answers another person 404 not_found, and leaves the owner's data as it was", async () => {
    const owner = await personWithEverything(api);
    const other = await personWithEverything(api);
    const before = await everythingOf(owner.sub);
    const calls = routesWithIds.flatMap((route) => owner.calls[route.id] ?? []);

    const answers = await answersTo(api, other.token, calls);
    await api.queues.drained();

    expect(answers).toEqual(calls.map(([method, path]) => [method, path, 404, 'not_found']));
    expect(await everythingOf(owner.sub)).toEqual(before);
  });

  it('is one the fixture can fill: each has a call on the owner’s own ids', async () => {
    const { calls } = await personWithEverything(api);

    const unfilled = routesWithIds.filter((route) => !calls[route.id]?.length).map((route) => route.id);

    expect(unfilled).toEqual([]);
  });
});

describe('every route that pages', () => {
  it('is found in the route table', () => {
    expect(pagedRoutes.map((route) => route.id)).toEqual(expect.arrayContaining(['ListConversations', 'GetCredits']));
  });

  const hostileCursors = [
    'not base64 at all!',
    Buffer.from('{"pk":"USER#someone-else"}').toString('base64url'),
    Buffer.from(JSON.stringify(['USER#someone-else', 'PROFILE'])).toString('base64url'),
    Buffer.from(JSON.stringify([{ S: 'x' }])).toString('base64url'),
    'A'.repeat(4096),
  ];

  it.each(pagedRoutes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s refuses hostile cursors with 400 and never a 5xx',
    async (_name, route) => {
      const { accessToken: token } = await api.signInUser('cursor-forger@example.com');

      const answers = [];
      for (const cursor of hostileCursors) {
        const response = await api.request(route.method, `${route.path}?cursor=${encodeURIComponent(cursor)}`, {
          token,
        });
        answers.push([response.status, errorCode(response.json)]);
      }

      expect(answers).toEqual(hostileCursors.map(() => [400, 'invalid_request']));
    },
  );

  it("shows none of another person's ledger through a cursor taken from their page", async () => {
    const owner = await personWithEverything(api);
    const other = await personWithEverything(api);
    const ownersPage = (await api.request('GET', '/v1/credits?limit=1', { token: owner.token })).json as {
      nextCursor: string;
    };

    const response = await api.request('GET', `/v1/credits?cursor=${ownersPage.nextCursor}`, { token: other.token });

    expect(response.status).toBe(200);
    expect(JSON.stringify(response.json)).not.toContain(owner.sub);
    const { entries } = response.json as { entries: Array<{ id: string }> };
    const ownersEntries = (await api.request('GET', '/v1/credits', { token: owner.token })).json as {
      entries: Array<{ id: string }>;
    };
    expect(entries.map((entry) => entry.id)).not.toEqual(
      expect.arrayContaining(ownersEntries.entries.map((entry) => entry.id)),
    );
  });
});

describe('every route that reads a JSON body', () => {
  const bodyRoutes = ownedRoutes.filter((route) => handlers[route.id].contract.body !== undefined);
  const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
  const hostileBodies: ReadonlyArray<[string, { rawBody: string; headers: Record<string, string> }]> = [
    ['malformed JSON', { rawBody: '{"title": "unterminated', headers: { 'content-type': 'application/json' } }],
    ['an array', { rawBody: '[]', headers: { 'content-type': 'application/json' } }],
    ['a bare string', { rawBody: '"text"', headers: { 'content-type': 'application/json' } }],
    ['5,000 levels of nesting', { rawBody: deep, headers: { 'content-type': 'application/json' } }],
    ['1 MiB of JSON', { rawBody: JSON.stringify({ title: 'x'.repeat(1 << 20) }), headers: {} }],
    [
      'server-owned fields',
      { rawBody: JSON.stringify({ userId: 'someone-else', credits: 1e9, status: 'ACTIVE' }), headers: {} },
    ],
    ['a prototype key', { rawBody: '{"__proto__": {"admin": true}}', headers: { 'content-type': 'application/json' } }],
    ['a form body', { rawBody: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
  ];

  it('is found in the route table', () => {
    expect(bodyRoutes.map((route) => route.id)).toEqual(expect.arrayContaining(['CreateConversation', 'UpdateMe']));
  });

  it('answers each hostile body with a 4xx and a stable code, and writes nothing', async () => {
    const owner = await personWithEverything(api);
    const before = await everythingOf(owner.sub);
    const answers: Array<[string, string, boolean, string | undefined]> = [];

    for (const route of bodyRoutes) {
      const [method, path] = owner.calls[route.id]?.[0] ?? [route.method, route.path];
      for (const [name, { rawBody, headers }] of hostileBodies) {
        const response = await api.request(method, path, {
          token: owner.token,
          rawBody,
          headers: { 'content-type': 'application/json', 'idempotency-key': `hostile-${route.id}-${name}`, ...headers },
        });
        answers.push([route.id, name, response.status >= 400 && response.status < 500, errorCode(response.json)]);
      }
    }
    await api.queues.drained();

    expect(answers.filter(([, , clientError, code]) => !clientError || !code)).toEqual([]);
    expect(await everythingOf(owner.sub)).toEqual(before);
  });
});
