/**
 * Step Functions errors as the AWS JSON 1.0 protocol carries them: the shape name in `__type`
 * (`com.amazonaws.sfn#ExecutionAlreadyExists`) and a `message`, from which @aws-sdk/client-sfn
 * builds its exception classes (`error.name === 'ExecutionAlreadyExists'`).
 */
export class SfnError extends Error {
  constructor(
    /** Shape name, e.g. `ExecutionAlreadyExists`: becomes the SDK exception's `name`. */
    readonly shape: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = shape;
  }
}

export const sfnErrors = {
  executionAlreadyExists: (executionArn: string) =>
    new SfnError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`),
  executionDoesNotExist: (executionArn: string) =>
    new SfnError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`),
  stateMachineDoesNotExist: (stateMachineArn: string) =>
    new SfnError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`),
  executionNotRedrivable: (executionArn: string, reason: string) =>
    new SfnError('ExecutionNotRedrivable', `Execution cannot be redriven: '${executionArn}': ${reason}`),
  invalidArn: (arn: unknown) => new SfnError('InvalidArn', `Invalid Arn: '${String(arn)}'`),
  invalidName: (message: string) => new SfnError('InvalidName', message),
  invalidExecutionInput: (message: string) => new SfnError('InvalidExecutionInput', message),
  invalidToken: (token: unknown) => new SfnError('InvalidToken', `Invalid Token: '${String(token)}'`),
  validation: (message: string) => new SfnError('ValidationException', message),
  accessDenied: (message: string) => new SfnError('AccessDeniedException', message),
  missingParameter: (name: string) =>
    new SfnError('MissingRequiredParameter', `The request must contain the parameter ${name}.`),
  unsupportedOperation: (operation: string) =>
    new SfnError('UnknownOperationException', `The local Step Functions endpoint does not implement ${operation}.`),
} as const;
