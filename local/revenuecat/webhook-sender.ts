/**
 * The fake RevenueCat's webhook sender: posts `{api_version, event}` with the dashboard's
 * Authorization value, and on anything but 200 tries again like RevenueCat (CONTRACTS-2 §1.1:
 * 5 retries at 5, 10, 20, 40, 80 minutes), on a scaled clock locally.
 */
import { sleepFor, type Sleep } from '../../lambdas/shared/retry';

/** RevenueCat's retry schedule after the first attempt. */
export const revenueCatRetryScheduleMs = [5, 10, 20, 40, 80].map((minutes) => minutes * 60_000);

export interface WebhookSenderOptions {
  url: string;
  authorization: string;
  /** The waits between attempts. @default RevenueCat's schedule */
  retryDelaysMs?: readonly number[];
  sleep?: Sleep;
}

export interface DeliveryOutcome {
  delivered: boolean;
  /** Each attempt's status (0: no answer). */
  statuses: number[];
}

export function webhookSender(options: WebhookSenderOptions) {
  const delays = options.retryDelaysMs ?? revenueCatRetryScheduleMs;
  const sleep = options.sleep ?? sleepFor;
  return async function deliver(event: Record<string, unknown>): Promise<DeliveryOutcome> {
    const statuses: number[] = [];
    const body = JSON.stringify({ api_version: '1.0', event });
    for (let attempt = 0; ; attempt++) {
      const status = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: options.authorization },
        body,
        signal: AbortSignal.timeout(60_000),
      })
        .then(async (response) => {
          await response.arrayBuffer();
          return response.status;
        })
        .catch(() => 0);
      statuses.push(status);
      if (status === 200) return { delivered: true, statuses };
      if (attempt >= delays.length) return { delivered: false, statuses };
      await sleep(delays[attempt]);
    }
  };
}
