/**
 * The DynamoDB document client, created once per container (outside any handler) so
 * connections are reused across invocations. Endpoint and region come from the standard SDK
 * environment (AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB), which is how the local stack points the
 * same code at DynamoDB Local.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});
