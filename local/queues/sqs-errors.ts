/**
 * SQS errors as the JSON protocol carries them: the shape name in `__type`, and, because the
 * SDK's SQS client is "awsQueryCompatible", the legacy query error code in the
 * `x-amzn-query-error` header (`AWS.SimpleQueueService.NonExistentQueue;Sender`), from which
 * the SDK picks the exception class (QueueDoesNotExist, ...).
 */
export class SqsError extends Error {
  constructor(
    /** Shape name, e.g. `QueueDoesNotExist`: becomes the SDK exception's `name`. */
    readonly shape: string,
    /** The query-protocol code, e.g. `AWS.SimpleQueueService.NonExistentQueue`. */
    readonly queryCode: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = shape;
  }

  /** The entry of a SendMessageBatch `Failed` list. */
  toBatchFailure(id: string) {
    return { Id: id, SenderFault: true, Code: this.queryCode, Message: this.message };
  }
}

export const sqsErrors = {
  /** What SQS answers when the queue's key refuses the sender; here only as a test fault. */
  kmsAccessDenied: () =>
    new SqsError(
      'KmsAccessDenied',
      'KMS.AccessDeniedException',
      'faults.refuseSends(): the queue refuses this sender.',
    ),
  queueDoesNotExist: () =>
    new SqsError('QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.'),
  invalidAddress: (queueUrl: unknown) =>
    new SqsError(
      'InvalidAddress',
      'InvalidAddress',
      `The address ${String(queueUrl)} is not valid for this endpoint.`,
      404,
    ),
  receiptHandleIsInvalid: (handle: unknown) =>
    new SqsError(
      'ReceiptHandleIsInvalid',
      'ReceiptHandleIsInvalid',
      `The input receipt handle "${String(handle)}" is not a valid receipt handle.`,
      404,
    ),
  messageNotInflight: () =>
    new SqsError(
      'MessageNotInflight',
      'AWS.SimpleQueueService.MessageNotInflight',
      'The message referred to is not in flight.',
    ),
  invalidParameterValue: (message: string) => new SqsError('InvalidParameterValue', 'InvalidParameterValue', message),
  missingParameter: (name: string) =>
    new SqsError('MissingParameter', 'MissingParameter', `The request must contain the parameter ${name}.`),
  invalidMessageContents: () =>
    new SqsError('InvalidMessageContents', 'InvalidMessageContents', 'Invalid characters found in the message body.'),
  invalidAttributeName: (name: string) =>
    new SqsError('InvalidAttributeName', 'InvalidAttributeName', `Unknown Attribute ${name}.`),
  emptyBatchRequest: () =>
    new SqsError(
      'EmptyBatchRequest',
      'AWS.SimpleQueueService.EmptyBatchRequest',
      'There should be at least one SendMessageBatchRequestEntry in the request.',
    ),
  tooManyEntriesInBatchRequest: (count: number) =>
    new SqsError(
      'TooManyEntriesInBatchRequest',
      'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are 10. You have sent ${count}.`,
    ),
  batchEntryIdsNotDistinct: (id: string) =>
    new SqsError('BatchEntryIdsNotDistinct', 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct', `Id ${id} repeated.`),
  invalidBatchEntryId: () =>
    new SqsError(
      'InvalidBatchEntryId',
      'AWS.SimpleQueueService.InvalidBatchEntryId',
      'A batch entry id can only contain alphanumeric characters, hyphens and underscores. ' +
        'It can be at most 80 letters long.',
    ),
  batchRequestTooLong: (bytes: number, limit: number) =>
    new SqsError(
      'BatchRequestTooLong',
      'AWS.SimpleQueueService.BatchRequestTooLong',
      `Batch requests cannot be longer than ${limit} bytes. You have sent ${bytes} bytes.`,
    ),
  unsupportedOperation: (operation: string) =>
    new SqsError(
      'UnsupportedOperation',
      'AWS.SimpleQueueService.UnsupportedOperation',
      `The local SQS endpoint does not implement ${operation}.`,
    ),
} as const;
