/**
 * The HTTP API as deployed: every route of lib/routes/, JWT-authorized unless on the public
 * allowlist (SECURITY B1), throttled (G1), with access logs that hold no secrets (H1).
 */
import { Match } from 'aws-cdk-lib/assertions';
import { join } from 'node:path';
import type { RouteHandler } from '../../lambdas/shared/http/route';
import { routes, type RouteDefinition } from '../../lib/routes';
import { resolvedLimits } from '../../lambdas/domain/limits/limit-classes';
import { cdkJsonStages, importedValue, resourcesOfType, synthDev, synthFull, synthPictor } from '../support/synth';

/**
 * Routes that may be called without a token, each with what its declared reason must say about
 * how it authenticates itself. Adding one is a security review: update here.
 */
const publicRoutes: Record<string, RegExp> = {
  'GET /health': /touches no user data/,
  'GET /s/{token}': /authenticated by the share token/,
  'GET /s/{token}/image': /authenticated by the share token/,
  'POST /webhooks/revenuecat': /compares the Authorization header in constant time/,
  'POST /webhooks/telegram': /compares the X-Telegram-Bot-Api-Secret-Token header in constant time/,
  'POST /s/{token}/report': /the share token is its authentication/,
};
const publicAllowlist = Object.keys(publicRoutes);

/** Routes for the Cognito `moderators` group only (ARCHITECTURE §7). Adding one is a security review. */
const moderatorRoutes = [
  'GET /v1/moderation/reports',
  'GET /v1/moderation/reports/{reportId}',
  'POST /v1/moderation/reports/{reportId}/resolution',
  'GET /v1/moderation/audit',
];

const dev = synthDev();
const routeResources = Object.values(resourcesOfType(dev.api, 'AWS::ApiGatewayV2::Route'));
const routeKeyOf = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

describe('HTTP API routes', () => {
  it('serves every route of the route table, and nothing else', () => {
    const deployed = routeResources.map((r) => r.Properties!.RouteKey).sort();
    expect(deployed).toEqual(routes.map(routeKeyOf).sort());
  });

  it('marks exactly the allowlisted routes public in the route table', () => {
    const declaredPublic = routes.filter((r) => r.auth.kind === 'public').map(routeKeyOf);
    expect(declaredPublic.sort()).toEqual([...publicAllowlist].sort());
  });

  it('gives each public route the reason the allowlist reviewed', () => {
    for (const route of routes) {
      if (route.auth.kind !== 'public') continue;
      expect({ route: routeKeyOf(route), reason: route.auth.reason }).toEqual({
        route: routeKeyOf(route),
        reason: expect.stringMatching(publicRoutes[routeKeyOf(route)] ?? /^$/),
      });
    }
  });

  it('requires the Cognito JWT authorizer on every route except the public allowlist', () => {
    const [authorizerId] = Object.keys(resourcesOfType(dev.api, 'AWS::ApiGatewayV2::Authorizer'));
    for (const route of routeResources) {
      const key = route.Properties!.RouteKey as string;
      if (publicAllowlist.includes(key)) {
        expect({ key, type: route.Properties!.AuthorizationType }).toEqual({ key, type: 'NONE' });
      } else {
        expect({ key, ...route.Properties }).toMatchObject({
          key,
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: authorizerId },
        });
      }
    }
  });

  it('gives every route its own function through a payload 2.0 Lambda proxy integration', () => {
    const integrations = Object.values(resourcesOfType(dev.api, 'AWS::ApiGatewayV2::Integration'));
    expect(integrations).toHaveLength(routes.length);
    for (const integration of integrations) {
      expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    }
    const targets = new Set(integrations.map((i) => JSON.stringify(i.Properties!.IntegrationUri)));
    expect(targets.size).toBe(routes.length);
  });
});

describe('moderation routes', () => {
  const groupOf = (route: RouteDefinition) => (route.auth.kind === 'jwt' ? route.auth.group : undefined);
  const contractGroupOf = (route: RouteDefinition) =>
    (require(join(__dirname, '../..', route.entry)) as { handler: RouteHandler }).handler.contract.group;

  it('are exactly the routes whose row declares the moderators group, every /v1/moderation route among them', () => {
    const declared = routes.filter((route) => groupOf(route) === 'moderators').map(routeKeyOf);
    expect(declared.sort()).toEqual([...moderatorRoutes].sort());
    expect(
      routes
        .filter((route) => route.path.startsWith('/v1/moderation'))
        .map(routeKeyOf)
        .sort(),
    ).toEqual([...moderatorRoutes].sort());
  });

  it("carry the row's group into the handler's contract, the one place the token's groups are checked", () => {
    for (const route of routes) {
      expect({ route: route.id, group: contractGroupOf(route) }).toEqual({ route: route.id, group: groupOf(route) });
    }
  });

  it('are JWT-authorized in the template (the group check needs a verified token)', () => {
    for (const key of moderatorRoutes) {
      const deployed = routeResources.find((route) => route.Properties!.RouteKey === key);
      expect({ key, type: deployed?.Properties?.AuthorizationType }).toEqual({ key, type: 'JWT' });
    }
  });
});

describe('JWT authorizer', () => {
  const [authorizer] = Object.values(resourcesOfType(dev.api, 'AWS::ApiGatewayV2::Authorizer'));
  const jwt = authorizer.Properties!.JwtConfiguration;

  it('trusts only tokens issued by the stage user pool', () => {
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
    });
    const [prefix, poolId] = jwt.Issuer['Fn::Join'][1];
    expect(prefix).toBe(`https://cognito-idp.${dev.config.region}.amazonaws.com/`);
    expect(importedValue(dev.stateful, poolId)).toEqual({ Ref: 'UserPool' });
  });

  it('accepts only the app client as audience', () => {
    expect(jwt.Audience).toHaveLength(1);
    expect(importedValue(dev.stateful, jwt.Audience[0])).toEqual({ Ref: 'UserPoolAppClient' });
  });
});

describe('default stage', () => {
  const [stage] = Object.values(resourcesOfType(dev.api, 'AWS::ApiGatewayV2::Stage'));

  it('auto-deploys the $default stage with the stage config throttling', () => {
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: dev.config.api.throttle.rateLimit,
        ThrottlingBurstLimit: dev.config.api.throttle.burstLimit,
      },
    });
  });

  it("throttles each route at its limit class's rate, capped at the stage's, once the route exists", () => {
    const limits = resolvedLimits(dev.config.limits);
    const stageThrottle = dev.config.api.throttle;
    const settings = stage.Properties!.RouteSettings as Record<string, unknown>;
    expect(Object.keys(settings).sort()).toEqual(routes.map(routeKeyOf).sort());
    for (const route of routes) {
      const { rateLimit, burstLimit } = limits[route.limit].throttle;
      expect({ route: route.id, setting: settings[routeKeyOf(route)] }).toEqual({
        route: route.id,
        setting: {
          ThrottlingRateLimit: Math.min(rateLimit, stageThrottle.rateLimit),
          ThrottlingBurstLimit: Math.min(burstLimit, stageThrottle.burstLimit),
        },
      });
    }
    // A route setting names its route key, which CloudFormation rejects until the route exists.
    const routeIds = Object.keys(resourcesOfType(dev.api, 'AWS::ApiGatewayV2::Route'));
    const [stageId] = Object.keys(resourcesOfType(dev.api, 'AWS::ApiGatewayV2::Stage'));
    expect(dev.api.toJSON().Resources[stageId].DependsOn).toEqual(expect.arrayContaining(routeIds));
  });

  it("applies a stage's override of a class's budgets to that class's routes alone", () => {
    const throttle = { rateLimit: 3, burstLimit: 6 };
    const custom = synthPictor('dev', {
      dev: {
        ...(cdkJsonStages.dev as object),
        limits: { generation: { perUser: { max: 2, windowSeconds: 60 }, onFailure: 'closed', throttle } },
      },
    });
    const [customStage] = Object.values(resourcesOfType(custom.api, 'AWS::ApiGatewayV2::Stage'));
    const settings = customStage.Properties!.RouteSettings as Record<string, any>;
    const generation = routes.filter((r) => r.limit === 'generation').map(routeKeyOf);
    expect(generation.length).toBeGreaterThan(0);
    for (const key of generation) expect(settings[key]).toEqual({ ThrottlingRateLimit: 3, ThrottlingBurstLimit: 6 });
    expect(settings['GET /health']).toEqual(stage.Properties!.RouteSettings['GET /health']);
  });

  it('writes one JSON access log line per request without tokens, claims or bodies', () => {
    const format = JSON.parse(stage.Properties!.AccessLogSettings.Format as string) as Record<string, string>;
    expect(Object.keys(format).sort()).toEqual(
      [
        'requestId',
        'ip',
        'requestTime',
        'httpMethod',
        'routeKey',
        'status',
        'protocol',
        'responseLength',
        'integrationError',
        'latency',
      ].sort(),
    );
    for (const variable of Object.values(format)) {
      expect(variable).toMatch(/^\$context\.[A-Za-z.]+$/);
      expect(variable).not.toMatch(/authorizer|header|body|jwt|claims/i);
    }
  });

  it('sends access logs to a log group kept for the stage retention', () => {
    const destination = stage.Properties!.AccessLogSettings.DestinationArn['Fn::GetAtt'][0] as string;
    const logGroup = resourcesOfType(dev.api, 'AWS::Logs::LogGroup')[destination];
    expect(logGroup.Properties).toMatchObject({ RetentionInDays: dev.config.logRetentionDays });
  });

  it('outputs the API URL', () => {
    dev.api.hasOutput('ApiUrl', { Value: Match.anyValue() });
  });
});

describe('CORS', () => {
  it('allows preflight only from the configured origins, with the headers the API reads', () => {
    const full = synthFull();
    full.api.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: full.config.api.corsOrigins,
        AllowHeaders: ['authorization', 'content-type', 'idempotency-key'],
        AllowMethods: [...new Set(routes.map((r) => r.method))],
      },
    });
    expect(JSON.stringify(full.api.toJSON())).not.toMatch(/AllowCredentials/);
  });

  it('configures no CORS at all when the stage lists no origins', () => {
    const prod = synthPictor('prod');
    expect(prod.config.api.corsOrigins).toEqual([]);
    prod.api.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
  });
});
