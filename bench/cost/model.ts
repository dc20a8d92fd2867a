/**
 * The cost model: dollars per 1,000 generations (the image model itself excluded) and per
 * account deletion, item by item. Usage comes from ./usage.ts (counts the integration tests hold
 * to the code, and declared assumptions), prices from ./prices.ts, each function's memory from
 * the synthesized template and its time from the bench's own measurements. Pure: it computes,
 * the report prints.
 */
import { cost, prices, type Price } from './prices';
import { assumptions, type CallUsage, clientDownload, deletionUsage, generationCalls, generationQueue } from './usage';

/** What the bench knows of one synthesized function. */
export interface FunctionFacts {
  readonly memorySizeMb: number;
  /** Median cold import of its bundle (ms): what a cold start's Init costs on top of the call. */
  readonly importMs?: number;
  /** Median first invocation after the import, against the stub backend (ms). */
  readonly firstInvocationMs?: number;
  /** Median second invocation in the same process (ms): a warm call. */
  readonly warmInvocationMs?: number;
}

export interface CostInputs {
  /** By route, worker or step id. */
  readonly functions: ReadonlyMap<string, FunctionFacts>;
  /** The worker's own time around the model call (ms), measured by bench/worker-memory.ts. */
  readonly workerOverheadMs: number;
}

export interface CostLine {
  readonly service: string;
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly usd: number;
  /**
   * A cost of keeping what was made, per month kept (storage), not of making it: listed, and
   * added in `withOneMonthUsd`, but not in `totalUsd`, since it depends on how long people keep
   * their images.
   */
  readonly perMonthKept?: boolean;
}

export interface CostEstimate {
  readonly lines: readonly CostLine[];
  /** Everything the generation (or deletion) itself costs. */
  readonly totalUsd: number;
  /** The same plus one month of keeping its results. */
  readonly withOneMonthUsd: number;
  readonly notes: readonly string[];
}

/** A route's CPU time per call when the bench did not time it (BENCH_P3=0). */
const untimedInvocationMs = 50;
/** CloudWatch Logs meters each event's message plus 26 bytes. */
const logEventOverheadBytes = 26;
const gib = 1024 ** 3;

/** How many GETs the README's loop makes: while pending, the read that sees it settled, the read for the URL. */
export function pollsFor(settleSeconds: number): { pending: number; settled: number } {
  const { pollIntervalSeconds, extraReadsAfterSettled } = assumptions;
  const first = Math.ceil(settleSeconds / pollIntervalSeconds);
  return { pending: Math.max(0, first - 1), settled: 1 + extraReadsAfterSettled };
}

/**
 * Lambda's sampling for functions with active tracing, which no sampling rule changes: the first
 * request each second and 5% of the rest, per function. The share of a function's requests that
 * start a trace at `requestsPerSecond`.
 */
export function lambdaSampledShare(requestsPerSecond: number): number {
  if (requestsPerSecond <= 1) return 1;
  return (1 + 0.05 * (requestsPerSecond - 1)) / requestsPerSecond;
}

const awsCallsOf = (call: Pick<CallUsage, 'dynamo' | 's3' | 'sqsSends'>) =>
  Object.values(call.dynamo.requests).reduce((sum, n) => sum + n, 0) +
  Object.values(call.s3).reduce((sum, n) => sum + (n ?? 0), 0) +
  call.sqsSends;

class Ledger {
  readonly lines: CostLine[] = [];
  readonly notes: string[] = [];
  add(service: string, item: string, price: Price, quantity: number, unit = price.unit): void {
    if (quantity !== 0) this.lines.push({ service, item, quantity, unit, usd: cost(price, quantity) });
  }
  addPerMonthKept(service: string, item: string, price: Price, quantity: number): void {
    this.lines.push({ service, item, quantity, unit: price.unit, usd: cost(price, quantity), perMonthKept: true });
  }
  estimate(): CostEstimate {
    const sum = (lines: readonly CostLine[]) => lines.reduce((total, line) => total + line.usd, 0);
    return {
      lines: this.lines,
      totalUsd: sum(this.lines.filter((line) => !line.perMonthKept)),
      withOneMonthUsd: sum(this.lines),
      notes: this.notes,
    };
  }
}

function factsOf(inputs: CostInputs, id: string, ledger: Ledger): FunctionFacts {
  const facts = inputs.functions.get(id);
  if (facts) return facts;
  ledger.notes.push(`${id} is not in the synthesized template: priced at 512 MB.`);
  return { memorySizeMb: 512 };
}

/**
 * Lambda gives a function CPU in proportion to its memory, one full vCPU at 1,769 MB. The bench
 * times code on a whole core, so CPU-bound time is stretched by this factor below that size.
 */
export function cpuStretch(memorySizeMb: number): number {
  return Math.max(1, 1769 / memorySizeMb);
}

/**
 * Billed seconds of one invocation: its CPU-bound work (measured on a whole core, stretched to
 * the function's CPU share), its AWS round trips, its wait, and its share of cold starts.
 */
function billedSeconds(facts: FunctionFacts, cpuMs: number, awsCalls: number, waitMs = 0): number {
  const stretch = cpuStretch(facts.memorySizeMb);
  // A cold start adds the import (Init) and what the first call does beyond a warm one.
  const firstExtraMs = Math.max(
    0,
    (facts.firstInvocationMs ?? 0) - (facts.warmInvocationMs ?? facts.firstInvocationMs ?? 0),
  );
  const coldMs = assumptions.coldStartShare * ((facts.importMs ?? 0) + firstExtraMs) * stretch;
  return Math.ceil(cpuMs * stretch + awsCalls * assumptions.awsRoundTripMs + waitMs + coldMs) / 1000;
}

/** Dollars per 1,000 generations, excluding the image model. */
export function generationCost(inputs: CostInputs): CostEstimate {
  const ledger = new Ledger();
  const { modelSeconds, queuePickupSeconds } = assumptions;
  const worker = generationCalls.generationWorker;
  const workerFacts = factsOf(inputs, worker.function, ledger);
  const workerSeconds = billedSeconds(workerFacts, inputs.workerOverheadMs, awsCallsOf(worker), modelSeconds * 1000);
  const polls = pollsFor(queuePickupSeconds + workerSeconds);
  const calls: Array<[CallUsage, number]> = [
    [generationCalls.createGeneration, 1],
    [generationCalls.pollPending, polls.pending],
    [generationCalls.pollSettled, polls.settled],
    [worker, 1],
  ];
  const n = 1000;
  const httpRequests = 1 + polls.pending + polls.settled;
  ledger.add(
    'API Gateway',
    `HTTP API: create + ${polls.pending + polls.settled} polls`,
    prices.httpApiRequest,
    n * httpRequests,
  );

  let gbSeconds = 0;
  let invocations = 0;
  for (const [call, times] of calls) {
    const facts = call === worker ? workerFacts : factsOf(inputs, call.function, ledger);
    const seconds =
      call === worker
        ? workerSeconds
        : billedSeconds(
            facts,
            facts.warmInvocationMs ?? facts.firstInvocationMs ?? untimedInvocationMs,
            awsCallsOf(call),
          );
    const gb = (facts.memorySizeMb / 1024) * seconds * times * n;
    ledger.add(
      'Lambda',
      `${call.function} ${facts.memorySizeMb} MB x ${(seconds * 1000).toFixed(0)} ms x ${times}`,
      prices.lambdaArmGbSecond,
      gb,
    );
    gbSeconds += gb;
    invocations += times * n;
  }
  ledger.add('Lambda', 'requests', prices.lambdaRequest, invocations);

  const sum = (pick: (call: CallUsage) => number) =>
    n * calls.reduce((total, [call, times]) => total + pick(call) * times, 0);
  ledger.add(
    'DynamoDB',
    'write units',
    prices.dynamoWriteUnit,
    sum((c) => c.dynamo.writeUnits),
  );
  ledger.add(
    'DynamoDB',
    'read units',
    prices.dynamoReadUnit,
    sum((c) => c.dynamo.readUnits),
  );
  const { sends, receives, deletes, changeVisibility } = generationQueue;
  ledger.add(
    'SQS',
    'send, receive, delete, change visibility',
    prices.sqsRequest,
    n * (sends + receives + deletes + changeVisibility),
  );
  const s3Count = (kinds: readonly string[]) =>
    sum((c) => kinds.reduce((t, k) => t + (c.s3[k as keyof CallUsage['s3']] ?? 0), 0));
  ledger.add('S3', 'PUT, COPY, POST, LIST', prices.s3PutCopyPostList, s3Count(['PUT', 'COPY', 'POST', 'LIST']));
  ledger.add(
    'S3',
    'GET, HEAD (incl. the download)',
    prices.s3GetHead,
    s3Count(['GET', 'HEAD']) + n * clientDownload.s3.GET,
  );
  ledger.addPerMonthKept(
    'S3',
    'the images, per month kept',
    prices.s3StorageGbMonth,
    (n * assumptions.storedImageMb) / 1024,
  );

  const logBytes = sum(
    (c) =>
      assumptions.platformLogBytes +
      assumptions.platformLogLines * logEventOverheadBytes +
      c.logLines * (assumptions.handlerLogLineBytes + logEventOverheadBytes),
  );
  ledger.add('CloudWatch Logs', 'ingestion', prices.logsIngestionGb, logBytes / gib, 'GB ingested');

  // Traces start at the HTTP functions; the worker joins the creating request's trace through SQS.
  const rate = assumptions.generationsPerSecond;
  const traces =
    n *
    (lambdaSampledShare(rate) +
      (polls.pending + polls.settled) * lambdaSampledShare(rate * (polls.pending + polls.settled)));
  ledger.add('X-Ray', `traces at ${rate} generation/s`, prices.xrayTraceRecorded, traces);

  ledger.notes.push(
    `Settles ${(queuePickupSeconds + workerSeconds).toFixed(2)} s after the 202 (pickup ${queuePickupSeconds} s + ` +
      `worker ${workerSeconds.toFixed(2)} s): ${polls.pending} pending polls, ${polls.settled} reads after.`,
    `Lambda ${gbSeconds.toFixed(0)} GB-s per 1,000 generations, ${invocations} invocations.`,
  );
  return ledger.estimate();
}

/** Dollars per account deletion (bench/cost/usage.ts's full account). */
export function deletionCost(inputs: CostInputs): CostEstimate {
  const ledger = new Ledger();
  const u = deletionUsage;
  ledger.add('API Gateway', 'DELETE /v1/me', prices.httpApiRequest, 1);
  ledger.add('Step Functions', 'state transitions (retries included)', prices.stepFunctionsTransition, u.transitions);
  let gbSeconds = 0;
  let invocations = 0;
  for (const [id, times] of Object.entries(u.invocations)) {
    const facts = factsOf(inputs, id, ledger);
    // A step's declared time includes its AWS calls; a timed route adds them per call.
    const seconds =
      facts.firstInvocationMs === undefined
        ? billedSeconds(facts, 0, 0, u.invocationSeconds * 1000)
        : billedSeconds(facts, facts.warmInvocationMs ?? facts.firstInvocationMs, 3);
    gbSeconds += (facts.memorySizeMb / 1024) * seconds * times;
    invocations += times;
  }
  ledger.add('Lambda', `${invocations} invocations`, prices.lambdaArmGbSecond, gbSeconds);
  ledger.add('Lambda', 'requests', prices.lambdaRequest, invocations);
  ledger.add('DynamoDB', 'write units (batch writes, transactions)', prices.dynamoWriteUnit, u.dynamo.writeUnits);
  ledger.add('DynamoDB', 'read units', prices.dynamoReadUnit, u.dynamo.readUnits);
  ledger.add('S3', 'LIST', prices.s3PutCopyPostList, u.s3.LIST);
  ledger.add('S3', 'DeleteObjects', prices.s3Delete, u.s3.DELETE_OBJECTS);
  const logBytes =
    invocations * (assumptions.platformLogBytes + assumptions.platformLogLines * logEventOverheadBytes) +
    u.logLines * (assumptions.handlerLogLineBytes + logEventOverheadBytes);
  ledger.add('CloudWatch Logs', 'ingestion', prices.logsIngestionGb, logBytes / gib, 'GB ingested');
  // The route's trace, which the execution (tracing on) and its steps join.
  ledger.add('X-Ray', 'one trace', prices.xrayTraceRecorded, 1);
  return ledger.estimate();
}
