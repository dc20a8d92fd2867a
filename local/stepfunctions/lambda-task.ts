/**
 * One Task state's Lambda invocation, as Step Functions and the Node.js runtime do it for a
 * Task whose Resource is the function ARN: the state's effective input as the event (JSON in,
 * JSON out), a Lambda context with the function's own deadline, and a failure reported the way
 * Lambda reports it, so Retry and Catch match as in AWS: the error name is the thrown error's
 * `name` (Lambda's errorType) and the cause is the runtime's JSON error document
 * (`{"errorType","errorMessage","trace"}`). A handler that outlives its function's timeout fails
 * as `Sandbox.Timedout`; it cannot be stopped, and runs on unobserved, where Lambda would freeze it.
 */
import { randomUUID } from 'node:crypto';
import { lambdaContext } from '../api-event';
import type { Handler, HandlerLoader } from '../handler-loader';
import type { TaskFunction } from './state-machine-definition';

/** A JSON value, as state inputs and outputs are (aws-local-stepfunctions does not export its own type). */
export type JSONValue = null | boolean | number | string | JSONValue[] | { [key: string]: JSONValue };

/** A Lambda function error as Step Functions receives it: `name` is the Error, `message` the Cause. */
export class LambdaTaskError extends Error {
  constructor(
    readonly errorType: string,
    readonly errorMessage: string,
    readonly trace: readonly string[] = [],
    /** What the handler threw, for the local log's stack trace. */
    readonly thrown?: unknown,
  ) {
    super(JSON.stringify({ errorType, errorMessage, trace }));
    this.name = errorType;
  }
}

/** The Node.js runtime's error document for whatever a handler threw (aws-lambda-nodejs-runtime-interface-client). */
export function lambdaErrorOf(thrown: unknown): LambdaTaskError {
  if (thrown instanceof LambdaTaskError) return thrown;
  if (thrown instanceof Error)
    return new LambdaTaskError(thrown.name, thrown.message, thrown.stack?.split('\n') ?? [], thrown);
  // A thrown string or object: the runtime names the error after its type.
  return new LambdaTaskError(typeof thrown, String(thrown), [], thrown);
}

/** What Lambda does with a handler's result: JSON, with `undefined` as `null`. */
function asJson(result: unknown): JSONValue {
  return JSON.parse(JSON.stringify(result ?? null)) as JSONValue;
}

/** Calls the handler with `input` as Lambda would; resolves its JSON result or throws a LambdaTaskError. */
export async function invokeLikeLambda(task: TaskFunction, handler: Handler, input: JSONValue): Promise<JSONValue> {
  const timeoutMs = task.timeoutSeconds * 1000;
  const deadline = Date.now() + timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const seconds = task.timeoutSeconds.toFixed(2);
      const message = `RequestId: ${randomUUID()} Error: Task timed out after ${seconds} seconds`;
      reject(new LambdaTaskError('Sandbox.Timedout', message));
    }, timeoutMs);
  });
  try {
    // The event is a copy: a handler that mutates it must not change what the state machine holds.
    const context = lambdaContext({ id: task.stepId, memorySizeMb: task.memorySizeMb }, deadline);
    return asJson(await Promise.race([handler(structuredClone(input), context), timedOut]));
  } catch (error) {
    throw lambdaErrorOf(error);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The step functions' handlers, each loaded once, like a cold start per function; a module that
 * failed to load is tried again on the next invocation (that one fails, as an init error does).
 */
export class TaskHandlers {
  private readonly loaded = new Map<string, Promise<Handler>>();

  constructor(private readonly loadHandler: HandlerLoader) {}

  handlerOf(task: TaskFunction): Promise<Handler> {
    let handler = this.loaded.get(task.entry);
    if (!handler) {
      handler = this.loadHandler(task);
      this.loaded.set(task.entry, handler);
      handler.catch(() => this.loaded.delete(task.entry));
    }
    return handler;
  }
}
