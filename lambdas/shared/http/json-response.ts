import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** Every JSON answer: user data is private, so nothing may be cached by intermediaries. */
export function jsonResponse(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}
