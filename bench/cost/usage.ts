/**
 * What one generation and one account deletion use, in the units AWS bills: the one source the
 * cost model (./model.ts, printed by `npm run bench`) reads. Every count marked "measured" is
 * held equal to what the real flow sends against the emulators by
 * test/integration/cost-usage.test.ts, so the model cannot drift from the code: change the code,
 * the test fails until the number here changes with it. What cannot be measured locally (the
 * client's behaviour, time spent waiting, AWS's own platform log lines) is declared as an
 * assumption, with its reason.
 */

export type S3RequestKind = 'PUT' | 'COPY' | 'POST' | 'GET' | 'LIST' | 'HEAD' | 'DELETE_OBJECTS' | 'OTHER';

/** What one invocation of a function sends. */
export interface CallUsage {
  /** The Lambda function that serves it, by route or worker id (its memory comes from the template). */
  readonly function: string;
  readonly dynamo: {
    /** Requests by wire name. */
    readonly requests: Readonly<Record<string, number>>;
    /** As DynamoDB reports them (ReturnConsumedCapacity): transactions at 2x, eventually consistent reads at 0.5. */
    readonly readUnits: number;
    readonly writeUnits: number;
  };
  readonly s3: Readonly<Partial<Record<S3RequestKind, number>>>;
  /** SendMessage calls from this function's code (each message under 64 KB: one request each). */
  readonly sqsSends: number;
  /** Lines the handler logs (the Powertools logger, INFO). */
  readonly logLines: number;
}

/**
 * One text-to-image generation as a client runs it (the README's walkthrough): POST the
 * generation, poll GET /v1/generations/{id} once a second until it settles, read it once more for
 * the image URL, download the image with that URL. Measured per call.
 */
export const generationCalls = {
  createGeneration: {
    function: 'CreateGeneration',
    // The request limiter's counter (1 unit, docs/abuse.md); the debit, the generation, its outbox entry and the
    // idempotency record in one transaction; then out of the outbox.
    dynamo: { requests: { TransactWriteItemsCommand: 1, UpdateItemCommand: 2 }, readUnits: 0, writeUnits: 13 },
    s3: {},
    sqsSends: 1,
    logLines: 1,
  },
  /** GET /v1/generations/{id} while the generation is QUEUED or RUNNING. */
  pollPending: {
    function: 'GetGeneration',
    // The generation and the account guard, strongly consistent: 1 unit each; the limiter's counter, 1 write unit.
    dynamo: { requests: { BatchGetItemCommand: 1, UpdateItemCommand: 1 }, readUnits: 2, writeUnits: 1 },
    s3: {},
    sqsSends: 0,
    logLines: 1,
  },
  /** The same once it SUCCEEDED: the image URLs are presigned locally, no S3 request. */
  pollSettled: {
    function: 'GetGeneration',
    dynamo: { requests: { BatchGetItemCommand: 1, UpdateItemCommand: 1 }, readUnits: 2, writeUnits: 1 },
    s3: {},
    sqsSends: 0,
    logLines: 1,
  },
  generationWorker: {
    function: 'GenerationWorker',
    // Claim (RUNNING), then settle with the image item in one transaction; the PNG to S3. The image
    // item also enters its owner's library (a gsi1 group, docs/library.md): 4 of the 16 units.
    dynamo: { requests: { TransactWriteItemsCommand: 1, UpdateItemCommand: 1 }, readUnits: 0, writeUnits: 16 },
    s3: { PUT: 1 },
    sqsSends: 0,
    logLines: 1,
  },
} as const satisfies Record<string, CallUsage>;

/**
 * What the queue's event source mapping does per job, on the happy path (batch size 1): one
 * ReceiveMessage that returns it, one DeleteMessage when the worker succeeds. Measured from the
 * local queue's counters (its mapping does what Lambda's does); ChangeMessageVisibility only on
 * a retry, so 0 here. The mapping's empty long polls (about 3 a minute per poller, ~5 pollers)
 * are a fixed cost of having the queue, not a cost per generation: see model.ts.
 */
export const generationQueue = { sends: 1, receives: 1, deletes: 1, changeVisibility: 0 } as const;

/** The client's download of the image: one GET with the presigned URL, billed to the bucket. */
export const clientDownload = { s3: { GET: 1 } } as const;

/** Assumptions: not measurable locally, chosen and explained here. */
export const assumptions = {
  /**
   * The README's poll loop: first read 1 s after the 202, then every second until settled, plus one read for the URL.
   */
  pollIntervalSeconds: 1,
  extraReadsAfterSettled: 1,
  /** The image model's answer time the target is set for (issue 10: "a 5 s model"). */
  modelSeconds: 5,
  /** From SendMessage to the worker's start: the mapping long-polls, so a message is picked up at once. */
  queuePickupSeconds: 0.1,
  /**
   * One DynamoDB, SQS or S3 round trip from Lambda in the same region. The bench's first calls
   * answer from a local stub, so each AWS call a function makes adds this to its billed duration.
   */
  awsRoundTripMs: 10,
  /** Share of requests that meet a cold container and pay its Init (billed since 2025-08-01). */
  coldStartShare: 0.05,
  /**
   * Lambda's own lines per invocation (START, END, REPORT; REPORT carries the X-Ray trace id when
   * traced) and their bytes, from CloudWatch Logs of nodejs22.x functions.
   */
  platformLogLines: 3,
  platformLogBytes: 420,
  /**
   * A Powertools JSON line with the Lambda context (service, level, timestamp, ARN, request id):
   * an upper bound, held above every line the cost-usage test measures.
   */
  handlerLogLineBytes: 600,
  /** Generated image stored per generation (Stable Image Core, ~1 MP PNG) and kept a month. */
  storedImageMb: 1.5,
  /** Sustained load at which X-Ray's fixed Lambda sampling is priced (see model.ts). */
  generationsPerSecond: 1,
} as const;

/**
 * One account deletion of test/support/deletion-flow.ts's full account (profile, consents,
 * ledger, two conversations, a generation with its image, an upload, a pointer): everything from
 * DELETE /v1/me to the execution's end, the route and the steps together (the first step may run
 * before the route has answered).
 */
export const deletionUsage = {
  /** DELETE /v1/me, then each step of the state machine once (no retries on the happy path). */
  invocations: {
    DeleteMe: 1,
    MarkDeleting: 1,
    DisableSignIn: 1,
    RemoveSubscriber: 1,
    PurgeObjects: 1,
    PurgeItems: 1,
    WriteRetainedRecords: 1,
    DeleteSignInUser: 1,
    WriteReceipt: 1,
  } as Readonly<Record<string, number>>,
  /** StartExecution from the route. */
  startExecutions: 1,
  /** States entered (8 tasks, 2 choices, the end), retries included: each is a billed transition. */
  transitions: 11,
  dynamo: {
    requests: {
      BatchWriteItemCommand: 3,
      GetItemCommand: 2,
      // The purge's two, and its two look-ups of reports to forget (filed by and about the person; none here).
      QueryCommand: 4,
      TransactWriteItemsCommand: 1,
      // One of them: the request limiter's counter on DELETE /v1/me.
      UpdateItemCommand: 4,
    },
    // 1 of them: the finished export's item, read with the rest of the person's partition.
    readUnits: 4.5,
    // 1 of them: the image's copy in its owner's library (gsi1), deleted with the item; 2: the finished export's item.
    // 1: the limiter's counter.
    writeUnits: 27,
  },
  // One listing and one batch delete per prefix the person owns: uploads, images and exports.
  s3: { LIST: 3, DELETE_OBJECTS: 3 },
  logLines: 9,
  /** Declared: a step's billed time (a few AWS calls each; the purges of large accounts loop longer). */
  invocationSeconds: 0.3,
} as const;
