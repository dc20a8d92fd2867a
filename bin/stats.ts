/**
 * Entry point of `npm run stats` (bin/stats-command.ts says what it reads). Against the local
 * stack by default (DynamoDB Local on its port, the local table); with `--table`, against a
 * stage's table with the operator's own AWS credentials and region (read access to the table).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { actionCountsReader } from '../lambdas/adapters/dynamodb/action-log-repository';
import { systemClock } from '../lambdas/domain/shared/clock';
import { localCredentials, localNames, localPorts, localRegion } from '../local/config';
import { parseStatsArgs, runStats } from './stats-command';

async function main(): Promise<void> {
  const request = parseStatsArgs(process.argv.slice(2));
  if ('error' in request) {
    process.stderr.write(`${request.error}\n`);
    process.exit(2);
  }
  const local = request.table === undefined;
  const client = new DynamoDBClient(
    local
      ? { endpoint: `http://127.0.0.1:${localPorts().dynamodb}`, region: localRegion, credentials: localCredentials }
      : {},
  );
  try {
    const counts = actionCountsReader(DynamoDBDocumentClient.from(client), request.table ?? localNames.tableName);
    process.stdout.write(await runStats({ counts, now: systemClock }, request));
  } catch (error) {
    const hint = local ? ' Is the local stack running (`npm start`)?' : '';
    process.stderr.write(`stats failed: ${(error as Error).message}.${hint}\n`);
    process.exit(1);
  } finally {
    client.destroy();
  }
}

void main();
