/**
 * The SafetyAlerts port on SNS: one SigV4-signed Publish (the Query protocol, form-encoded) to
 * the stage's alarm topic, without the SNS client, which the report route would carry for this
 * one call (P1/P2: the signed S3 and Guardrails requests do the same, lambdas/adapters/signing).
 * The message holds the report id, the reason and the time: no user id, no details, nothing an
 * email inbox should keep (SECURITY H1). Locally AWS_ENDPOINT_URL_SNS points it at the local
 * stack's recorder (local/sns.ts).
 */
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { SafetyAlert, SafetyAlerts } from '../../domain/reports/ports';
import { safetyAlertsConfig } from '../../shared/config';
import { retryCall, retryPolicies, type Sleep } from '../../shared/retry';
import { signPost, sigV4Signer } from '../signing/sigv4';

export interface SnsSafetyAlertsOptions {
  topicArn: string;
  region: string;
  /** @default https://sns.<region>.amazonaws.com */
  endpoint?: string;
  credentials?: AwsCredentialIdentityProvider;
  fetch?: typeof fetch;
  sleep?: Sleep;
}

/** SNS answered with an error, or could not be reached. */
export class PublishError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly transient: boolean,
    options?: ErrorOptions,
  ) {
    super(`SNS Publish failed${status ? ` (HTTP ${status})` : ''}`, options);
    this.name = 'PublishError';
  }
}

/** The subject line an on-call person sees; the reason is one of eight fixed words. */
export const alertSubject = (alert: SafetyAlert) => `Pictor safety report: ${alert.reason}`;

export function snsSafetyAlerts(options: SnsSafetyAlertsOptions): SafetyAlerts {
  const url = new URL(options.endpoint ?? `https://sns.${options.region}.amazonaws.com/`);
  const transport = options.fetch ?? fetch;
  const signer = sigV4Signer({ service: 'sns', region: options.region, credentials: options.credentials });

  async function attempt(alert: SafetyAlert): Promise<void> {
    const message = JSON.stringify({
      kind: 'safety_report',
      reportId: alert.reportId,
      reason: alert.reason,
      createdAt: alert.createdAt,
      runbook: 'docs/runbooks/moderation.md',
    });
    const body = new URLSearchParams({
      Action: 'Publish',
      Version: '2010-03-31',
      TopicArn: options.topicArn,
      Subject: alertSubject(alert),
      Message: message,
    }).toString();
    const request = await signPost({
      signer,
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body,
    });
    let response: Response;
    try {
      response = await transport(url, { ...request, signal: AbortSignal.timeout(3_000) });
    } catch (error) {
      throw new PublishError(undefined, true, { cause: error });
    }
    if (!response.ok) throw new PublishError(response.status, response.status >= 500 || response.status === 429);
  }

  return {
    publish: (alert) =>
      retryCall(retryPolicies.alertPublish, () => attempt(alert), {
        retryable: (error) => error instanceof PublishError && error.transient,
        sleep: options.sleep,
      }),
  };
}

let alerts: SafetyAlerts | undefined;

/** The stage's alerts, from the environment (`publishSafetyAlerts` sets it), built once per container. */
export function safetyAlerts(): SafetyAlerts {
  const config = safetyAlertsConfig();
  alerts ??= snsSafetyAlerts({
    topicArn: config.SAFETY_ALERT_TOPIC_ARN,
    region: config.AWS_REGION,
    endpoint: config.AWS_ENDPOINT_URL_SNS,
  });
  return alerts;
}
