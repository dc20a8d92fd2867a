/**
 * The fake RevenueCat wired to a test API: its webhook sender posts to the API's webhook with
 * the local authorization (retrying on non-200 at test speed), and the API's sync reads it.
 */
import { localWebhookAuthorization } from '../../local/secrets';
import { type FakeRevenueCat, startFakeRevenueCat } from '../../local/revenuecat/server';
import { webhookSender } from '../../local/revenuecat/webhook-sender';
import { signedIn } from './generation-flow';
import { startTestApi, type StartTestApiOptions, type TestApi } from './local-api';

export const fakeApiKey = 'sk_fake_revenuecat';

export interface BillingLoop {
  api: TestApi;
  revenueCat: FakeRevenueCat;
  close(): Promise<void>;
}

export async function startBillingLoop(options: StartTestApiOptions = {}): Promise<BillingLoop> {
  let webhookUrl = '';
  const revenueCat = await startFakeRevenueCat({
    apiKey: fakeApiKey,
    subscriptionProducts: ['pro_monthly'],
    deliver: (event) =>
      webhookSender({ url: webhookUrl, authorization: localWebhookAuthorization, retryDelaysMs: [5, 10] })(event),
  });
  const api = await startTestApi({ ...options, revenueCat: { baseUrl: revenueCat.url, apiKey: fakeApiKey } });
  webhookUrl = `${api.url}/webhooks/revenuecat`;
  return {
    api,
    revenueCat,
    close: async () => {
      await api.close();
      await revenueCat.close();
    },
  };
}

export interface MeView {
  credits: { balance: number; allowance: number; purchased: number; allowanceExpiresAt: string | null };
  plan: { entitlement: string; active: boolean; status: string; productId: string | null; willRenew: boolean } | null;
}

/** A signed-in person with a profile (the starter grant). */
export async function customer(api: TestApi) {
  const person = await signedIn(api);
  const me = await api.request('GET', '/v1/me', { token: person.token });
  if (me.status !== 200) throw new Error(`GET /v1/me answered ${me.status}`);
  return person;
}

export async function meOf(api: TestApi, token: string): Promise<MeView> {
  return (await api.request('GET', '/v1/me', { token })).json as MeView;
}
