/**
 * The public edge: an API Gateway HTTP API whose every route is JWT-authorized by the Cognito
 * user pool unless the route table marks it public (SECURITY B1), with stage throttling (G1) and
 * JSON access logs that never contain a token or a body.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config';
import type { RouteThrottle } from '../../lambdas/domain/limits/limit-classes';
import type { HttpMethod, RouteDefinition } from '../routes';

/** Request headers browsers may send cross-origin; everything else is refused at preflight. */
export const corsAllowHeaders = ['authorization', 'content-type', 'idempotency-key'];

/**
 * One JSON object per request. Deliberately absent: the Authorization header, JWT claims, query
 * strings and bodies (SECURITY H1); the caller's IP is kept for abuse handling, for the stage's
 * log retention only.
 */
export const accessLogFields = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  integrationError: '$context.integrationErrorMessage',
  latency: '$context.responseLatency',
} as const;

export interface PictorHttpApiProps {
  /** Pool whose tokens the JWT authorizer accepts. */
  readonly userPool: IUserPool;
  /** The app client: the only accepted audience (`aud` of ID tokens, `client_id` of access tokens). */
  readonly userPoolClient: IUserPoolClient;
  /** Stage settings: name, throttling, CORS origins, log retention, whether logs outlive the stack. */
  readonly stage: Pick<StageConfig, 'name' | 'api' | 'logRetentionDays' | 'retainData'>;
  /**
   * Methods that CORS preflight allows (the methods of the route table).
   * @default - GET, POST, PUT, PATCH, DELETE
   */
  readonly corsMethods?: readonly HttpMethod[];
}

export class PictorHttpApi extends Construct {
  public readonly api: apigw.HttpApi;
  public readonly stage: apigw.HttpStage;
  public readonly authorizer: HttpJwtAuthorizer;
  public readonly accessLogs: LogGroup;

  constructor(scope: Construct, id: string, props: PictorHttpApiProps) {
    super(scope, id);
    const { api: apiConfig } = props.stage;

    // The pool's own region: the issuer must match the `iss` claim Cognito writes (CONTRACTS §5.1).
    this.authorizer = new HttpJwtAuthorizer(
      'CognitoJwt',
      `https://cognito-idp.${props.userPool.env.region}.amazonaws.com/${props.userPool.userPoolId}`,
      { jwtAudience: [props.userPoolClient.userPoolClientId] },
    );

    const corsMethods = props.corsMethods ?? ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
    this.api = new apigw.HttpApi(this, 'Api', {
      apiName: `pictor-${props.stage.name}`,
      description: 'Pictor HTTP API',
      defaultAuthorizer: this.authorizer,
      // Created below with throttling and access logs, which the implicit default stage lacks.
      createDefaultStage: false,
      corsPreflight:
        apiConfig.corsOrigins.length > 0
          ? {
              allowOrigins: apiConfig.corsOrigins,
              allowHeaders: corsAllowHeaders,
              allowMethods: [...new Set(corsMethods)].map((m) => apigw.CorsHttpMethod[m]),
            }
          : undefined,
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.stage.logRetentionDays as RetentionDays,
      removalPolicy: props.stage.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: apiConfig.throttle.rateLimit, burstLimit: apiConfig.throttle.burstLimit },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
    });
  }

  /** Routes one table entry to its function, with the JWT authorizer unless the entry is public. */
  public addRoute(route: RouteDefinition, handler: IFunction): apigw.HttpRoute {
    const [httpRoute] = this.api.addRoutes({
      path: route.path,
      methods: [apigw.HttpMethod[route.method]],
      integration: new HttpLambdaIntegration(`${route.id}Integration`, handler, {
        payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0,
      }),
      // Explicit on every route rather than relying on the default: a reader sees the choice.
      authorizer: route.auth.kind === 'public' ? new apigw.HttpNoneAuthorizer() : this.authorizer,
    });
    return httpRoute;
  }

  /**
   * API Gateway's throttle on one route, across all callers (docs/abuse.md): the coarse guard in
   * front of the per-user counters. HttpStage has no L2 for route settings, so the CloudFormation
   * property is set directly (PascalCase, as AWS::ApiGatewayV2::Stage RouteSettings spells it);
   * the stage waits for the route, since settings for an unknown route key fail the deploy.
   */
  public throttleRoute(route: apigw.HttpRoute, routeKey: string, throttle: RouteThrottle): void {
    const stage = this.stage.node.defaultChild as apigw.CfnStage;
    stage.addPropertyOverride(`RouteSettings.${routeKey}`, {
      ThrottlingRateLimit: throttle.rateLimit,
      ThrottlingBurstLimit: throttle.burstLimit,
    });
    stage.node.addDependency(route);
  }
}
