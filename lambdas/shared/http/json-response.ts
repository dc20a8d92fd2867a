import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** Every JSON answer: user data is private, so nothing may be cached by intermediaries. A 204 carries no body. */
export function jsonResponse(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  if (statusCode === 204) return { statusCode, headers: { 'cache-control': 'no-store' } };
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}
