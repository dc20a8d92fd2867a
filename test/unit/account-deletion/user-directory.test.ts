/**
 * The signed Cognito admin calls (lambdas/adapters/cognito/user-directory.ts), against a fetch
 * that records each request and answers as Cognito's JSON 1.1 protocol does.
 */
import { signedUserDirectory } from '../../../lambdas/adapters/cognito/user-directory';

interface Sent {
  target: string;
  body: unknown;
  authorization: string;
}

/** A fetch that answers each call with the next scripted reply for its target (200 `{}` by default). */
function cognitoFake(replies: Record<string, Array<{ status: number; body: unknown }>> = {}) {
  const sent: Sent[] = [];
  const fetch = (async (_url: URL, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    const target = headers['x-amz-target'].replace('AWSCognitoIdentityProviderService.', '');
    sent.push({ target, body: JSON.parse(String(init.body)), authorization: headers.authorization });
    const reply = replies[target]?.shift() ?? { status: 200, body: {} };
    return new Response(JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
    });
  }) as unknown as typeof globalThis.fetch;
  return { sent, fetch };
}

const credentials = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });
const directoryWith = (fake: ReturnType<typeof cognitoFake>) =>
  signedUserDirectory({ userPoolId: 'us-east-1_pool', region: 'us-east-1', credentials, fetch: fake.fetch });
const notFound = { status: 400, body: { __type: 'UserNotFoundException', message: 'User does not exist.' } };

it('disables the user, then signs it out everywhere, by its sub, in signed requests', async () => {
  const fake = cognitoFake();

  await expect(directoryWith(fake).disableAndSignOut('sub-1')).resolves.toBe('done');

  expect(fake.sent.map(({ target, body }) => [target, body])).toEqual([
    ['AdminDisableUser', { UserPoolId: 'us-east-1_pool', Username: 'sub-1' }],
    ['AdminUserGlobalSignOut', { UserPoolId: 'us-east-1_pool', Username: 'sub-1' }],
  ]);
  const scope = /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/cognito-idp\/aws4_request, /;
  expect(fake.sent[0].authorization).toMatch(scope);
  expect(fake.sent[0].authorization).toMatch(/SignedHeaders=[^,]*x-amz-target/);
});

it('answers absent for a user that is not there (a Telegram-only account, or a second run)', async () => {
  const fake = cognitoFake({ AdminDisableUser: [notFound], AdminDeleteUser: [notFound] });
  const directory = directoryWith(fake);

  await expect(directory.disableAndSignOut('sub-1')).resolves.toBe('absent');
  await expect(directory.deleteUser('sub-1')).resolves.toBe('absent');

  expect(fake.sent.map(({ target }) => target)).toEqual(['AdminDisableUser', 'AdminDeleteUser']);
});

it('reads a namespaced error type as Cognito and cognito-local write it', async () => {
  const fake = cognitoFake({
    AdminDeleteUser: [{ status: 400, body: { __type: 'com.amazonaws.cognito#UserNotFoundException:http://x' } }],
  });

  await expect(directoryWith(fake).deleteUser('sub-1')).resolves.toBe('absent');
});

it('goes on when the directory cannot sign users out (cognito-local), but not on other errors', async () => {
  const fake = cognitoFake({
    AdminUserGlobalSignOut: [
      { status: 500, body: { __type: 'CognitoLocal#Unsupported', message: 'unsupported' } },
      { status: 400, body: { __type: 'NotAuthorizedException', message: 'no' } },
    ],
  });
  const directory = directoryWith(fake);

  await expect(directory.disableAndSignOut('sub-1')).resolves.toBe('done');
  await expect(directory.disableAndSignOut('sub-1')).rejects.toMatchObject({
    name: 'NotAuthorizedException',
    status: 400,
  });
});

it('fails a call Cognito answers with a server error, naming its type', async () => {
  const fake = cognitoFake({ AdminDeleteUser: [{ status: 500, body: { __type: 'InternalErrorException' } }] });

  await expect(directoryWith(fake).deleteUser('sub-1')).rejects.toMatchObject({ name: 'InternalErrorException' });
});

it('deletes the user', async () => {
  const fake = cognitoFake();

  await expect(directoryWith(fake).deleteUser('sub-1')).resolves.toBe('done');

  expect(fake.sent).toEqual([
    {
      target: 'AdminDeleteUser',
      body: { UserPoolId: 'us-east-1_pool', Username: 'sub-1' },
      authorization: expect.any(String),
    },
  ]);
});
