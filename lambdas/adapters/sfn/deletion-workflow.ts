/**
 * The DeletionWorkflow port on Step Functions (CONTRACTS §6.3). The execution name is derived
 * from the user id and the input holds only the user id, so StartExecution is idempotent while
 * the execution runs; after it closed, `ExecutionAlreadyExists` means it already happened.
 */
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { executionNameFor } from '../../domain/account-deletion/deletion';
import type { DeletionWorkflow } from '../../domain/account-deletion/ports';
import { deletionRequestConfig } from '../../shared/config';

let client: SFNClient | undefined;

function sfn(): SFNClient {
  client ??= new SFNClient({});
  return client;
}

export function stepFunctionsDeletionWorkflow(
  stateMachineArn: string = deletionRequestConfig().DELETION_STATE_MACHINE_ARN,
): DeletionWorkflow {
  return {
    async start(request) {
      try {
        await sfn().send(
          new StartExecutionCommand({
            stateMachineArn,
            name: executionNameFor(request.userId),
            input: JSON.stringify({ userId: request.userId }),
          }),
        );
        return 'started';
      } catch (error) {
        if (error instanceof Error && error.name === 'ExecutionAlreadyExists') return 'already_requested';
        throw error;
      }
    },
  };
}
