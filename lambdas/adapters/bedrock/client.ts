/**
 * The Bedrock Runtime client for image generation, created on first use and kept for the life
 * of the container, so connections and credentials are reused across invocations and a
 * function configured for the local model never constructs one. Image generation runs in the
 * generation worker (120 s Lambda timeout, lib/workers.ts), and a Stability model can take a
 * minute or more to answer. (Prompt moderation, inside an HTTP request with a much shorter
 * budget, sends its one ApplyGuardrail request without the SDK: ./signed-guardrail.ts.)
 *
 * It uses the SDK's standard retry mode: exponential backoff with full jitter, and a retry
 * quota so a struggling region is not hammered. It retries ThrottlingException, 500/502/503/504
 * (InternalServerException, ServiceUnavailableException), ModelNotReadyException (which the
 * service marks retryable), timeouts and connection resets. It does not retry
 * ModelTimeoutException or ServiceQuotaExceededException; the adapters treat those as
 * transient, so the generation queue retries them minutes later.
 *
 * Region: BEDROCK_REGION, because the Stability models are not in every region; unset, the
 * SDK's own chain (AWS_REGION) applies.
 */
import { BedrockRuntimeClient, type BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import { imageProviderConfig } from '../../shared/config';

/**
 * - 3 attempts: throttling and 5xx answers come back in milliseconds, so two quick retries
 *   absorb a blip. Past that the queue is the outer retry loop (redelivery after the visibility
 *   timeout, up to maxReceiveCount), which spaces attempts by minutes instead of spending the
 *   worker's time waiting.
 * - requestTimeout 100 s: Bedrock sends nothing until the image is ready, so the HTTP/2
 *   stream's idle timeout is in effect the whole wait. 100 s covers slow generations and
 *   leaves the worker about 20 s to store the image and settle the generation. The SDK
 *   retries a timed-out attempt, and that retry cannot finish inside the Lambda's 120 s; the
 *   Lambda timeout ends it and the queue redelivers. Accepted: a timeout this long is rare, and
 *   refusing to retry timeouts only would need a custom retry strategy.
 * - disableConcurrentStreams: the SDK's own default for this client (a fresh HTTP/2 session
 *   per request). Passing handler options replaces its defaults, so it is restated here.
 */
const imageGenerationClientSettings = {
  retryMode: 'standard',
  maxAttempts: 3,
  requestHandler: { requestTimeout: 100_000, disableConcurrentStreams: true },
} as const satisfies BedrockRuntimeClientConfig;

let imageClient: BedrockRuntimeClient | undefined;

/** The client for InvokeModel in the generation worker. */
export function imageGenerationClient(): BedrockRuntimeClient {
  imageClient ??= new BedrockRuntimeClient({
    ...imageGenerationClientSettings,
    region: imageProviderConfig().BEDROCK_REGION,
  });
  return imageClient;
}
