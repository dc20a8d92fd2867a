/**
 * The local Step Functions endpoint: the protocol @aws-sdk/client-sfn uses, AWS JSON 1.0 with
 * `x-amz-target: AWSStepFunctions.<Action>` (local/aws-json-server.ts). Handlers reach it through
 * the standard AWS_ENDPOINT_URL_SFN variable with unchanged SDK clients. Signatures are not
 * checked, as with the local SQS endpoint.
 */
import { startAwsJsonServer, type AwsJsonServer, type AwsJsonService } from '../aws-json-server';
import type { LocalStateMachine } from './local-state-machine';
import { SfnError, sfnErrors } from './sfn-errors';
import { operations } from './sfn-operations';

export interface SfnEndpointOptions {
  machine: LocalStateMachine;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** @default '127.0.0.1' (local only) */
  host?: string;
  /** Unexpected failures. @default console.log */
  log?: (line: string) => void;
}

/** `url` is the value for AWS_ENDPOINT_URL_SFN. */
export type SfnEndpoint = AwsJsonServer;

const stepFunctions: AwsJsonService<SfnError> = {
  name: 'Step Functions',
  targetPrefix: 'AWSStepFunctions.',
  // An execution's input is at most 256 KiB.
  maxRequestBytes: 1024 * 1024,
  isServiceError: (error): error is SfnError => error instanceof SfnError,
  // `__type` names the error shape; the SDK maps it to its exception class.
  toWire: (error) => ({
    status: error.statusCode,
    body: { __type: `com.amazonaws.sfn#${error.shape}`, message: error.message },
  }),
  errors: {
    wrongProtocol: (message) => new SfnError('UnknownOperationException', message),
    tooLarge: () => new SfnError('ValidationException', 'The request is too large.', 413),
    notJson: (message) => new SfnError('SerializationException', message),
    internal: () =>
      new SfnError('InternalFailure', 'The request processing has failed because of an unknown error.', 500),
  },
};

export function startSfnEndpoint(options: SfnEndpointOptions): Promise<SfnEndpoint> {
  return startAwsJsonServer({
    service: stepFunctions,
    port: options.port,
    host: options.host,
    log: options.log,
    dispatch: (action, input) => {
      const operation = Object.hasOwn(operations, action) ? operations[action] : undefined;
      if (!operation) throw sfnErrors.unsupportedOperation(action);
      return operation(input, options.machine);
    },
  });
}
