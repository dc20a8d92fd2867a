/**
 * Every route function carries the Lambda defaults, and its role carries exactly the permissions
 * its route declares (SECURITY A2): walk every IAM policy statement in the API stack.
 */
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { PictorFunction } from '../../lib/constructs/pictor-function';
import { routes, type TableAccess } from '../../lib/routes';
import { importedValue, resourcesOfType, synthDev, synthFull, type SynthesizedPictor } from '../support/synth';

const dev = synthDev();
const full = synthFull();

// The specification, restated here on purpose rather than imported from the construct.
const logActions = ['logs:CreateLogStream', 'logs:PutLogEvents'];
const xrayActions = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];
const readActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
const tableActions: Record<TableAccess, string[]> = {
  none: [],
  read: readActions,
  readWrite: [...readActions, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
};

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}
const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** Logical IDs of each route's function, role and log group in the API stack. */
function routeResources(synth: SynthesizedPictor) {
  return routes.map((route) => {
    const fn = synth.stacks.api.functions.get(route.id)!;
    const id = (construct: { node: { defaultChild?: unknown } }) =>
      synth.stacks.api.getLogicalId(construct.node.defaultChild as CfnElement);
    return { route, functionId: id(fn.function), roleId: id(fn.role), logGroupId: id(fn.logGroup) };
  });
}

/** Every statement that applies to a role: its inline policies and the AWS::IAM::Policy resources attached to it. */
function statementsOf(synth: SynthesizedPictor, roleId: string): Statement[] {
  const role = resourcesOfType(synth.api, 'AWS::IAM::Role')[roleId];
  const inline = (role.Properties!.Policies ?? []).flatMap((p: any) => p.PolicyDocument.Statement);
  const attached = Object.values(resourcesOfType(synth.api, 'AWS::IAM::Policy'))
    .filter((p) => p.Properties!.Roles.some((r: { Ref: string }) => r.Ref === roleId))
    .flatMap((p) => p.Properties!.PolicyDocument.Statement);
  return [...inline, ...attached];
}

describe('Lambda defaults', () => {
  it('creates one function per route and no other', () => {
    dev.api.resourceCountIs('AWS::Lambda::Function', routes.length);
  });

  it.each(routeResources(dev))('runs $route.id on Node.js 22, arm64, traced, with the Powertools env', (r) => {
    const fn = resourcesOfType(dev.api, 'AWS::Lambda::Function')[r.functionId];
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      MemorySize: 512,
      Timeout: 10,
      Handler: 'index.handler',
      LoggingConfig: { LogGroup: { Ref: r.logGroupId } },
      Environment: {
        Variables: expect.objectContaining({
          POWERTOOLS_SERVICE_NAME: 'pictor',
          POWERTOOLS_LOG_LEVEL: 'INFO',
          POWERTOOLS_LOGGER_LOG_EVENT: 'false',
          STARTER_CREDITS: String(dev.config.starterCredits),
          PRIVACY_POLICY_VERSION: dev.config.privacyPolicyVersion,
        }),
      },
    });
  });

  it.each(routeResources(dev))('keeps $route.id cold starts lean: source maps ship as files, not enabled at run time', (r) => {
    const variables = resourcesOfType(dev.api, 'AWS::Lambda::Function')[r.functionId].Properties!.Environment.Variables;
    expect(variables.NODE_OPTIONS).toBeUndefined();
  });

  it.each(routeResources(dev))('tells $route.id the table name only if it may use the table', (r) => {
    const variables = resourcesOfType(dev.api, 'AWS::Lambda::Function')[r.functionId].Properties!.Environment.Variables;
    if (r.route.table === 'none') {
      expect(variables.TABLE_NAME).toBeUndefined();
    } else {
      expect(importedValue(dev.stateful, variables.TABLE_NAME)).toEqual({ Ref: 'PictorTable' });
    }
  });

  it.each([
    ['dev', dev, 'Delete'],
    ['full', full, 'Retain'],
  ])('keeps each function log group for the %s stage retention', (_name, synth, policy) => {
    for (const r of routeResources(synth)) {
      const logGroup = resourcesOfType(synth.api, 'AWS::Logs::LogGroup')[r.logGroupId];
      expect(logGroup.Properties).toMatchObject({ RetentionInDays: synth.config.logRetentionDays });
      expect(logGroup.DeletionPolicy).toBe(policy);
    }
  });
});

describe('least privilege (SECURITY A2)', () => {
  it('gives every function its own role with no managed policies', () => {
    const roles = resourcesOfType(dev.api, 'AWS::IAM::Role');
    expect(Object.keys(roles).sort()).toEqual(routeResources(dev).map((r) => r.roleId).sort());
    for (const role of Object.values(roles)) expect(role.Properties!.ManagedPolicyArns).toBeUndefined();
  });

  it('attaches every IAM policy to a route function role', () => {
    const roleIds = new Set(routeResources(dev).map((r) => r.roleId));
    for (const policy of Object.values(resourcesOfType(dev.api, 'AWS::IAM::Policy'))) {
      for (const role of policy.Properties!.Roles) expect(roleIds).toContain(role.Ref);
    }
  });

  it.each(routeResources(dev))('allows $route.id exactly the actions its table access declares', (r) => {
    const statements = statementsOf(dev, r.roleId);
    const granted = statements.flatMap((s) => asArray(s.Action)).sort();
    expect(granted).toEqual([...logActions, ...xrayActions, ...tableActions[r.route.table]].sort());
  });

  it.each(routeResources(dev))('names concrete resources in every statement of $route.id', (r) => {
    for (const statement of statementsOf(dev, r.roleId)) {
      const actions = asArray(statement.Action);
      expect(statement.Effect).toBe('Allow');
      for (const action of actions) {
        expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/); // no `*`, no `service:*`
        expect(action).not.toBe('dynamodb:Scan');
      }
      const resources = asArray(statement.Resource);
      if (actions.every((a) => a.startsWith('xray:'))) {
        // X-Ray's write actions support no resource-level permissions.
        expect(resources).toEqual(['*']);
      } else if (actions.every((a) => a.startsWith('logs:'))) {
        expect(resources).toEqual([{ 'Fn::GetAtt': [r.logGroupId, 'Arn'] }]);
      } else {
        expect(actions.every((a) => a.startsWith('dynamodb:'))).toBe(true);
        const [tableArn, indexArn] = resources as any[];
        expect(resources).toHaveLength(2);
        expect(importedValue(dev.stateful, tableArn)).toEqual({ 'Fn::GetAtt': ['PictorTable', 'Arn'] });
        expect(indexArn).toEqual({ 'Fn::Join': ['', [tableArn, '/index/gsi1']] });
      }
    }
  });
});

describe('PictorFunction table grants', () => {
  function functionWithTable(grant: 'grantTableRead' | 'grantTableReadWrite'): Template {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(app, 'GrantTest');
    const table = new Table(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    const fn = new PictorFunction(stack, 'Fn', {
      entry: 'lambdas/http/health.ts',
      stage: { logRetentionDays: 30, retainData: false },
    });
    fn[grant](table);
    return Template.fromStack(stack);
  }

  it.each([
    ['grantTableRead', tableActions.read],
    ['grantTableReadWrite', tableActions.readWrite],
  ] as const)('%s grants exactly its actions on the table and the gsi1 index, and sets TABLE_NAME', (grant, actions) => {
    const template = functionWithTable(grant);
    const tableArn = { 'Fn::GetAtt': ['TableCD117FA1', 'Arn'] };
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: xrayActions, Resource: '*' },
          { Effect: 'Allow', Action: actions, Resource: [tableArn, { 'Fn::Join': ['', [tableArn, '/index/gsi1']] }] },
        ],
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { TABLE_NAME: { Ref: 'TableCD117FA1' } } },
    });
  });
});
