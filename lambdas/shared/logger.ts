/**
 * The one Powertools logger. Structured JSON with the Lambda context and a correlation id per
 * request. Never pass it tokens, email addresses, prompts, request bodies or whole events:
 * the HTTP stack logs only the route, status and latency (SECURITY.md H1).
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'pictor' });
