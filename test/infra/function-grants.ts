/**
 * Reads every function of the API stack (route, worker and deletion-workflow step alike) and its
 * IAM grants out of the synthesized template as plain strings, `<action> <resource>`, with
 * intrinsics rendered readably (`${ImagesBucket.Arn}/users/*`,
 * `arn:aws:bedrock:us-west-2::foundation-model/…`), so the tests can compare whole policies with
 * an allowlist written the way a reviewer reads it.
 */
import type { CfnElement } from 'aws-cdk-lib';
import type { PictorFunction } from '../../lib/constructs/pictor-function';
import { importedValue, resourcesOfType, type SynthesizedPictor } from '../support/synth';

export interface FunctionUnderTest {
  /** Route id, worker id or deletion step id. */
  readonly id: string;
  readonly kind: 'route' | 'worker' | 'workflowStep' | 'scheduled';
  readonly fn: PictorFunction;
  readonly functionId: string;
  readonly roleId: string;
  readonly logGroupId: string;
}

interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** The logical ID of a construct's CloudFormation resource in the API stack. */
export function logicalIdOf(synth: SynthesizedPictor, construct: { node: { defaultChild?: unknown } }): string {
  return synth.stacks.api.getLogicalId(construct.node.defaultChild as CfnElement);
}

/** The logical ID of a construct's CloudFormation resource in the stateful stack. */
export function statefulLogicalIdOf(synth: SynthesizedPictor, construct: { node: { defaultChild?: unknown } }): string {
  return synth.stacks.stateful.getLogicalId(construct.node.defaultChild as CfnElement);
}

/**
 * Every function of the API stack: one per route, one per worker, one per deletion-workflow step,
 * one per scheduled function.
 */
export function functionsUnderTest(synth: SynthesizedPictor): FunctionUnderTest[] {
  const describe = (id: string, kind: FunctionUnderTest['kind'], fn: PictorFunction): FunctionUnderTest => ({
    id,
    kind,
    fn,
    functionId: logicalIdOf(synth, fn.function),
    roleId: logicalIdOf(synth, fn.role),
    logGroupId: logicalIdOf(synth, fn.logGroup),
  });
  return [
    ...[...synth.stacks.api.functions].map(([id, fn]) => describe(id, 'route', fn)),
    ...[...synth.stacks.api.workers].map(([id, worker]) => describe(id, 'worker', worker.handler)),
    ...[...synth.stacks.api.deletion.functions].map(([id, fn]) => describe(id, 'workflowStep', fn)),
    ...[...synth.stacks.api.scheduled].map(([id, scheduled]) => describe(id, 'scheduled', scheduled.handler)),
  ];
}

/**
 * A CloudFormation value as text: `${Logical.Attr}` for GetAtt, `${Logical}` for Ref, imports
 * followed into the stateful stack, `aws` for the partition.
 */
export function render(synth: SynthesizedPictor, value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, any>;
  if (v.Ref === 'AWS::Partition') return 'aws';
  if (typeof v.Ref === 'string') return `\${${v.Ref}}`;
  if (Array.isArray(v['Fn::GetAtt'])) return `\${${v['Fn::GetAtt'].join('.')}}`;
  if (v['Fn::ImportValue'] !== undefined) return render(synth, importedValue(synth.stateful, v));
  if (Array.isArray(v['Fn::Join'])) {
    const [separator, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => render(synth, part)).join(separator);
  }
  throw new Error(`cannot render ${JSON.stringify(value)}`);
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

/**
 * Each (action, resource) pair a role is allowed, as `<action> <resource>`, plus ` if <condition>`
 * when the statement has one. Sorted and without duplicates; a Deny statement fails loudly.
 */
export function grantsOf(synth: SynthesizedPictor, roleId: string): string[] {
  const grants = new Set<string>();
  for (const statement of statementsOf(synth, roleId)) {
    if (statement.Effect !== 'Allow') throw new Error(`unexpected ${statement.Effect} statement on ${roleId}`);
    const condition = statement.Condition ? ` if ${JSON.stringify(statement.Condition)}` : '';
    for (const action of asArray(statement.Action)) {
      for (const resource of asArray(statement.Resource))
        grants.add(`${action} ${render(synth, resource)}${condition}`);
    }
  }
  return [...grants].sort();
}

/** A function's environment variables, with values rendered like grants. */
export function environmentOf(synth: SynthesizedPictor, functionId: string): Record<string, string> {
  const fn = resourcesOfType(synth.api, 'AWS::Lambda::Function')[functionId];
  const variables = (fn.Properties!.Environment?.Variables ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, render(synth, value)]));
}
