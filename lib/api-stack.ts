/**
 * The stateless API: one function per route (so each holds only its own route's permissions)
 * behind the HTTP API. It receives the stateful resources as props and never looks anything up by
 * name, so the dependency between the two stacks is explicit and checked by CloudFormation.
 */
import { CfnOutput, CrossStackReferences, ReferenceStrength, Stack, type StackProps } from 'aws-cdk-lib';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { envNames } from '../lambdas/shared/config';
import type { StageConfig } from './config/stage-config';
import { PictorHttpApi } from './constructs/http-api';
import { PictorFunction } from './constructs/pictor-function';
import { acknowledgePublicRoute, acknowledgeSynchronousFunction } from './nag-acknowledgements';
import { routes as routeTable, type RouteDefinition } from './routes';

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
  /**
   * The routes to serve.
   * @default - the route table in lib/routes.ts
   */
  readonly routes?: readonly RouteDefinition[];
}

export class ApiStack extends Stack {
  public readonly httpApi: PictorHttpApi;
  /** Each route's function, by route id. */
  public readonly functions: ReadonlyMap<string, PictorFunction>;
  public readonly bucket: IBucket;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    // Strong (Fn::ImportValue): CloudFormation refuses to delete or change the stateful
    // resources while this stack uses them. The price, when a reference is dropped, is a
    // two-step deploy (see aws-cdk-lib's "deadly embrace"); data safety is worth it.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    const { config } = props;
    const routes = props.routes ?? routeTable;
    this.bucket = props.bucket;

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
    };

    const functions = new Map<string, PictorFunction>();
    for (const route of routes) {
      const fn = new PictorFunction(this, route.id, {
        entry: route.entry,
        stage: config,
        description: `${route.method} ${route.path}`,
        environment: profileEnvironment,
      });
      if (route.table === 'read') fn.grantTableRead(props.table);
      if (route.table === 'readWrite') fn.grantTableReadWrite(props.table);
      acknowledgeSynchronousFunction(fn.function);

      const httpRoute = this.httpApi.addRoute(route, fn.function);
      if (route.auth.kind === 'public') acknowledgePublicRoute(httpRoute, route.auth.reason);
      functions.set(route.id, fn);
    }
    this.functions = functions;

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.stage.url });
  }
}
