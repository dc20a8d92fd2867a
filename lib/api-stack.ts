/**
 * Everything stateless: one function per route (so each holds only its own route's permissions)
 * behind the HTTP API, and one queue-fed worker per row of lib/workers.ts with its queues and
 * alarms. It receives the stateful resources as props and never looks anything up by name, so the
 * dependency between the two stacks is explicit and checked by CloudFormation.
 *
 * The workers live here rather than in a stack of their own: routes send to their queues, so a
 * separate stack would export every queue URL and ARN to this one (strong references, two-step
 * deploys on each change) for no isolation gain, since neither side holds data worth protecting
 * from the other's redeploys.
 */
import { CfnOutput, CrossStackReferences, ReferenceStrength, Stack, type StackProps } from 'aws-cdk-lib';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Bucket, type IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { resolvedLimits } from '../lambdas/domain/limits/limit-classes';
import { envNames } from '../lambdas/shared/config';
import type { StageConfig } from './config/stage-config';
import { AlarmTopic } from './constructs/alarm-topic';
import { DeletionWorkflow } from './constructs/deletion-workflow';
import { grantCapabilities, type CapabilityResources, type QueueTarget } from './constructs/capabilities';
import { PictorHttpApi } from './constructs/http-api';
import { PictorFunction } from './constructs/pictor-function';
import { QueueWorker } from './constructs/queue-worker';
import { applyRequestLimits } from './constructs/request-limits';
import { ScheduledFunction } from './constructs/scheduled-function';
import { acknowledgePublicRoute, acknowledgeSynchronousFunction } from './nag-acknowledgements';
import { routes as routeTable, type Capability, type RouteDefinition, type TableAccess } from './routes';
import { routeKeyOf, routeThrottleOf } from './routes/route-limits';
import { scheduledFunctions as scheduledTable, type ScheduledDefinition } from './scheduled';
import { workers as workerTable, type WorkerDefinition } from './workers';

export interface ApiStackProps extends StackProps {
  /** The validated stage configuration. */
  readonly config: StageConfig;
  /** The single table (from the stateful stack). */
  readonly table: ITable;
  /** The private images bucket (from the stateful stack), for the image routes. */
  readonly bucket: IBucket;
  /** The user pool whose tokens the API accepts. */
  readonly userPool: IUserPool;
  /** The app client: the JWT audience. */
  readonly userPoolClient: IUserPoolClient;
  /** The key of the user-id hash (from the stateful stack), for account deletion's retained records. */
  readonly userIdHashKey: ISecret;
  /**
   * The routes to serve.
   * @default - the route table in lib/routes/
   */
  readonly routes?: readonly RouteDefinition[];
  /**
   * The queue-fed workers to run.
   * @default - the worker table in lib/workers.ts
   */
  readonly workers?: readonly WorkerDefinition[];
  /**
   * The functions run on a schedule.
   * @default - the table in lib/scheduled.ts
   */
  readonly scheduled?: readonly ScheduledDefinition[];
}

export class ApiStack extends Stack {
  public readonly httpApi: PictorHttpApi;
  /** Each route's function, by route id. */
  public readonly functions: ReadonlyMap<string, PictorFunction>;
  /** Each worker with its queues and alarms, by worker id. */
  public readonly workers: ReadonlyMap<string, QueueWorker>;
  /** Where every alarm of the stage sends its notifications. */
  public readonly alarms: AlarmTopic;
  /** The images bucket, as this stack's functions are granted it. */
  public readonly bucket: IBucket;
  /** The account-deletion state machine and its step functions. */
  public readonly deletion: DeletionWorkflow;
  /** Each scheduled function with its rule and alarm, by id. */
  public readonly scheduled: ReadonlyMap<string, ScheduledFunction>;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    // Strong (Fn::ImportValue): CloudFormation refuses to delete or change the stateful
    // resources while this stack uses them. The price, when a reference is dropped, is a
    // two-step deploy (see aws-cdk-lib's "deadly embrace"); data safety is worth it.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    const { config } = props;
    const routes = props.routes ?? routeTable;
    this.bucket = importedByExport(this, props.bucket);
    this.alarms = new AlarmTopic(this, 'Alarms', { email: config.alarms.email });

    // Workers first: the routes that send to their queues need the queues.
    const workers = (props.workers ?? workerTable).map((definition) => ({
      definition,
      worker: new QueueWorker(this, definition.id, { definition, stage: config, alarmTopic: this.alarms.topic }),
    }));
    this.workers = new Map(workers.map(({ definition, worker }) => [definition.id, worker]));
    const queues = new Map<Capability, QueueTarget>(
      workers.map(({ definition, worker }) => [
        definition.sendCapability,
        { queue: worker.queue, urlEnv: definition.queueUrlEnv },
      ]),
    );

    // Routes and workers get access the same way: from their declared table access and capabilities.
    const baseResources: CapabilityResources = {
      bucket: this.bucket,
      table: props.table,
      queues,
      stage: config,
      userPool: props.userPool,
      userIdHashKey: props.userIdHashKey,
      alarmTopic: this.alarms,
    };
    const grantWith =
      (resources: CapabilityResources) =>
      (fn: PictorFunction, declared: { table: TableAccess; uses?: readonly Capability[] }) => {
        if (declared.table === 'read') fn.grantTableRead(props.table);
        if (declared.table === 'readWrite') fn.grantTableReadWrite(props.table);
        grantCapabilities(fn, declared.uses ?? [], resources);
      };
    for (const { definition, worker } of workers) grantWith(baseResources)(worker.handler, definition);

    // The workflow before the routes: DELETE /v1/me starts its executions.
    this.deletion = new DeletionWorkflow(this, 'AccountDeletion', {
      stage: config,
      alarmTopic: this.alarms.topic,
      grant: grantWith(baseResources),
    });
    const grantDeclaredAccess = grantWith({ ...baseResources, deletionStateMachine: this.deletion.stateMachine });

    // After the workflow: the outbox sweeper starts its executions too.
    this.scheduled = new Map(
      (props.scheduled ?? scheduledTable).map((definition) => {
        const scheduled = new ScheduledFunction(this, definition.id, {
          definition,
          stage: config,
          alarmTopic: this.alarms.topic,
        });
        grantDeclaredAccess(scheduled.handler, definition);
        return [definition.id, scheduled];
      }),
    );

    this.httpApi = new PictorHttpApi(this, 'Http', {
      userPool: props.userPool,
      userPoolClient: props.userPoolClient,
      stage: config,
      corsMethods: routes.map((route) => route.method),
    });

    // Not secret, and read lazily by the runtime, so every route function gets them.
    const profileEnvironment = {
      [envNames.starterCredits]: String(config.starterCredits),
      [envNames.privacyPolicyVersion]: config.privacyPolicyVersion,
      // The store catalog (GET /v1/plans, the webhook): small, and validated with the stage config.
      ...(config.billing ? { [envNames.billingCatalog]: JSON.stringify(config.billing) } : {}),
    };

    const limits = resolvedLimits(config.limits);
    const limitResources = {
      table: props.table,
      limits,
      grantHashKey: (fn: PictorFunction) => grantCapabilities(fn, ['hashUserIds'], baseResources),
    };

    const functions = new Map<string, PictorFunction>();
    for (const route of routes) {
      const fn = new PictorFunction(this, route.id, {
        entry: route.entry,
        stage: config,
        description: `${route.method} ${route.path}`,
        environment: profileEnvironment,
        memorySizeMb: route.memorySizeMb,
      });
      grantDeclaredAccess(fn, route);
      applyRequestLimits(fn, route, limitResources);
      acknowledgeSynchronousFunction(fn.function);

      const httpRoute = this.httpApi.addRoute(route, fn.function);
      this.httpApi.throttleRoute(httpRoute, routeKeyOf(route), routeThrottleOf(route, limits, config.api.throttle));
      if (route.auth.kind === 'public') acknowledgePublicRoute(httpRoute, route.auth.reason);
      functions.set(route.id, fn);
    }
    this.functions = functions;

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.stage.url });
  }
}

/**
 * The bucket with its ARN imported by the stateful stack's export now, not at synth: the S3 prefix
 * grants then hold the very `Fn::ImportValue` CloudFormation will see, which their cdk-nag
 * acknowledgements must name. It is the export CDK would create anyway (same name, still a strong
 * reference); the name is imported the usual way.
 */
function importedByExport(scope: Construct, bucket: IBucket): IBucket {
  if (Stack.of(bucket) === Stack.of(scope)) return bucket;
  return Bucket.fromBucketAttributes(scope, 'ImagesBucket', {
    bucketArn: Stack.of(bucket).exportValue(bucket.bucketArn),
    bucketName: bucket.bucketName,
    encryptionKey: bucket.encryptionKey,
  });
}
