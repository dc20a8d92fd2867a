import { revenueCatSubscriberRegistry } from '../../../lambdas/adapters/revenuecat/subscriber-registry';

function fakeFetch(status: number) {
  const requests: { url: string; method?: string; authorization?: string }[] = [];
  const fetchFn = (async (url: string, init?: RequestInit) => {
    requests.push({
      url,
      method: init?.method,
      authorization: new Headers(init?.headers).get('authorization') ?? undefined,
    });
    return new Response(status === 200 ? '{"deleted":true}' : '{}', { status });
  }) as unknown as typeof fetch;
  return { fetchFn, requests };
}

const configured = { baseUrl: 'https://rc.example.test/', apiKey: async () => 'sk_test', sleep: async () => {} };

it('deletes the subscriber by its url-encoded app user id with the secret key', async () => {
  const { fetchFn, requests } = fakeFetch(200);
  await expect(revenueCatSubscriberRegistry(configured, fetchFn).removeSubscriber('a/b c')).resolves.toBe('removed');
  expect(requests).toEqual([
    { url: 'https://rc.example.test/v1/subscribers/a%2Fb%20c', method: 'DELETE', authorization: 'Bearer sk_test' },
  ]);
});

it.each([
  [404, 'absent'],
  [200, 'removed'],
])('answers %i as %s', async (status, outcome) => {
  await expect(
    revenueCatSubscriberRegistry(configured, fakeFetch(status).fetchFn).removeSubscriber('u1'),
  ).resolves.toBe(outcome);
});

it.each([429, 500, 503])('treats %i as transient', async (status) => {
  await expect(
    revenueCatSubscriberRegistry(configured, fakeFetch(status).fetchFn).removeSubscriber('u1'),
  ).rejects.toMatchObject({ name: 'TransientStepError' });
});

it.each([400, 401, 403])('treats %i as a failure a person must look at', async (status) => {
  const failure = revenueCatSubscriberRegistry(configured, fakeFetch(status).fetchFn).removeSubscriber('u1');
  await expect(failure).rejects.toThrow(`RevenueCat refused DELETE /v1/subscribers/{id} with ${status}`);
  await expect(failure).rejects.not.toMatchObject({ name: 'TransientStepError' });
});

it('is a no-op without RevenueCat, calling nothing', async () => {
  const { fetchFn, requests } = fakeFetch(200);
  await expect(revenueCatSubscriberRegistry({}, fetchFn).removeSubscriber('u1')).resolves.toBe('not_configured');
  expect(requests).toEqual([]);
});
