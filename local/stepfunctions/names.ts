/**
 * How the local state machine, its executions and its Lambda functions are named: AWS's ARN
 * shapes under the all-zero account local emulators conventionally use (as the local queues do).
 */
import { localRegion } from '../config';
import { localQueueAccountId } from '../queues/names';

export const localAccountId = localQueueAccountId;
export const localPartition = 'aws';

/** What pseudo parameters resolve to in the local stack. */
export function localPseudoParameters(stackName: string, region = localRegion): Record<string, string> {
  return {
    'AWS::Region': region,
    'AWS::AccountId': localAccountId,
    'AWS::Partition': localPartition,
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackName': stackName,
    'AWS::StackId':
      `arn:${localPartition}:cloudformation:${region}:${localAccountId}:` +
      `stack/${stackName}/00000000-0000-0000-0000-000000000000`,
  };
}

/** A Lambda function's local ARN: the function "name" is its logical id. */
export const localFunctionArn = (logicalId: string, region = localRegion) =>
  `arn:${localPartition}:lambda:${region}:${localAccountId}:function:${logicalId}`;

/** The logical id in a local function ARN (optionally qualified, as `:$LATEST`), or undefined. */
export function logicalIdOfFunctionArn(arn: string): string | undefined {
  const match = /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]+)(?::[A-Za-z0-9$_-]+)?$/.exec(arn);
  return match?.[1];
}

/** `AccountDeletion` → `pictor-account-deletion-local`, as the local queues are named. */
export function localStateMachineName(constructId: string): string {
  const kebab = constructId
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
  return `pictor-${kebab}-local`;
}

export const localStateMachineArn = (name: string, region = localRegion) =>
  `arn:${localPartition}:states:${region}:${localAccountId}:stateMachine:${name}`;

/** The role executions report; nothing checks it locally. */
export const localExecutionRoleArn = (stateMachineName: string) =>
  `arn:${localPartition}:iam::${localAccountId}:role/${stateMachineName}`;

export const localExecutionArn = (stateMachineArn: string, executionName: string) =>
  `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName}`;

/** The state machine ARN and execution name in an execution ARN, or undefined when it is not one. */
export function parseExecutionArn(arn: string): { stateMachineArn: string; name: string } | undefined {
  const match = /^(arn:aws:states:[a-z0-9-]+:\d{12}):execution:([^:]+):([^:]+)$/.exec(arn);
  return match ? { stateMachineArn: `${match[1]}:stateMachine:${match[2]}`, name: match[3] } : undefined;
}

export const isStateMachineArn = (arn: string) => /^arn:aws:states:[a-z0-9-]+:\d{12}:stateMachine:[^:]+$/.test(arn);

/**
 * Why an execution name is refused, or undefined when it is fine. Step Functions allows 1 to 80
 * characters, none of them whitespace, `< > { } [ ] ? * " # % \ ^ | ~ \` $ & , ; : /` or a
 * control character (U+0000-001F, U+007F-009F).
 */
export function invalidExecutionName(name: string): string | undefined {
  if (name.length < 1 || name.length > 80) return `Invalid Name: '${name}' (it must be 1 to 80 characters long)`;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: Step Functions refuses control characters in names.
  if (/[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/.test(name)) return `Invalid Name: '${name}'`;
  return undefined;
}
