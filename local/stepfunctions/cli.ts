/**
 * Inspect and redrive the running local stack's executions with the same SDK calls the AWS CLI
 * makes (`aws stepfunctions list-executions`, `describe-execution`, ...), against the endpoint
 * `npm start` wrote to .local/stepfunctions.json. An execution is named by its name or ARN.
 *
 *   tsx local/stepfunctions/cli.ts                      list, newest first
 *   tsx local/stepfunctions/cli.ts list FAILED          only one status
 *   tsx local/stepfunctions/cli.ts describe <name>      status, input, output, error, redrive
 *   tsx local/stepfunctions/cli.ts history <name>       one line per event
 *   tsx local/stepfunctions/cli.ts stop <name>          ABORTED
 *   tsx local/stepfunctions/cli.ts redrive <name>       again from the state that did not succeed
 */
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  SFNClient,
  StopExecutionCommand,
  type ExecutionStatus,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { localCredentials, localRegion } from '../config';
import { readStepFunctionsState, stepFunctionsStateFile } from './local-state-file';
import { localExecutionArn } from './names';

const usage =
  'usage: cli.ts [list [STATUS] | describe <execution> | history <execution> | stop <execution> | redrive <execution>]';

/** The event's one details member, without the noise of empty fields. */
function eventLine(event: HistoryEvent): string {
  const details = Object.entries(event).find(
    ([key, value]) => key.endsWith('EventDetails') && value !== undefined,
  )?.[1] as Record<string, unknown> | undefined;
  const summary = details ? ` ${JSON.stringify(details)}` : '';
  return `${String(event.id).padStart(4)} ${event.timestamp?.toISOString()} ${event.type}${summary}`;
}

async function main(): Promise<void> {
  const state = readStepFunctionsState();
  if (!state) throw new Error(`${stepFunctionsStateFile} is missing: is \`npm start\` running?`);
  const sfn = new SFNClient({ endpoint: state.endpoint, region: localRegion, credentials: localCredentials });
  const [command = 'list', target, ...rest] = process.argv.slice(2);
  const arn = (name: string | undefined) => {
    if (!name) throw new Error(usage);
    return name.startsWith('arn:') ? name : localExecutionArn(state.stateMachineArn, name);
  };
  switch (command) {
    case 'list': {
      const { executions = [] } = await sfn.send(
        new ListExecutionsCommand({
          stateMachineArn: state.stateMachineArn,
          statusFilter: target as ExecutionStatus | undefined,
        }),
      );
      for (const execution of executions) {
        const redrives = execution.redriveCount ? ` (redriven ${execution.redriveCount}x)` : '';
        console.log(
          `${execution.startDate?.toISOString()} ${execution.status?.padEnd(9)} ${execution.name}${redrives}`,
        );
      }
      if (executions.length === 0) console.log('no executions yet');
      return;
    }
    case 'describe': {
      const { $metadata: _metadata, ...description } = await sfn.send(
        new DescribeExecutionCommand({ executionArn: arn(target) }),
      );
      console.log(JSON.stringify(description, null, 2));
      return;
    }
    case 'history': {
      let nextToken: string | undefined;
      do {
        const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn: arn(target), nextToken }));
        for (const event of page.events ?? []) console.log(eventLine(event));
        nextToken = page.nextToken;
      } while (nextToken);
      return;
    }
    case 'stop': {
      const { stopDate } = await sfn.send(
        new StopExecutionCommand({ executionArn: arn(target), error: rest[0], cause: rest[1] }),
      );
      console.log(`stopped at ${stopDate?.toISOString()}`);
      return;
    }
    case 'redrive': {
      const { redriveDate } = await sfn.send(new RedriveExecutionCommand({ executionArn: arn(target) }));
      console.log(`redriven at ${redriveDate?.toISOString()}`);
      return;
    }
    default:
      throw new Error(usage);
  }
}

main().catch((error: unknown) => {
  // A plain Error shows its message alone; a named one (e.g. ExecutionDoesNotExist) says its name first.
  const namePrefix = error instanceof Error && error.name !== 'Error' ? `${error.name}: ` : '';
  process.stderr.write(`${error instanceof Error ? `${namePrefix}${error.message}` : String(error)}\n`);
  process.exit(1);
});
