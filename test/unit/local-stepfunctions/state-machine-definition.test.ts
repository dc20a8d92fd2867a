/**
 * The definition the local stack runs is the template's, with intrinsics resolved and nothing
 * else changed, and every Task state maps to its step's handler through the function's
 * construct path.
 */
import {
  loadStateMachineDefinition,
  StateMachineDefinitionError,
} from '../../../local/stepfunctions/state-machine-definition';
import type { CfnTemplate } from '../../../local/synth-template';
import {
  fixtureDefinition,
  fixtureStackName,
  fixtureSteps,
  fixtureTemplate,
  functionLogicalId,
  stepIds,
} from '../../fixtures/stepfunctions/deletion-template';

const functionArn = (step: string) => `arn:aws:lambda:us-east-1:000000000000:function:${functionLogicalId(step)}`;
const load = (template: CfnTemplate = fixtureTemplate(), steps = fixtureSteps) =>
  loadStateMachineDefinition({ stack: { stackName: fixtureStackName, template }, steps });

/** The fixture definition with each marker replaced by what CloudFormation would put there. */
function expectedDefinition(definition: unknown = fixtureDefinition): unknown {
  const text = JSON.stringify(definition)
    .replace(/\{\{fn:([^}]+)\}\}/g, (_, step: string) => functionArn(step))
    .replace('{{ref:AWS::Region}}', 'us-east-1');
  return JSON.parse(text);
}

const withStates = (states: Record<string, unknown>) => ({
  ...fixtureDefinition,
  States: { ...fixtureDefinition.States, ...states },
});

describe('loadStateMachineDefinition', () => {
  it('is the template definition with its intrinsics resolved and nothing else changed', () => {
    const loaded = load();
    expect(loaded.definition).toEqual(expectedDefinition());
    expect(loaded.name).toBe('pictor-account-deletion-local');
    expect(loaded.arn).toBe('arn:aws:states:us-east-1:000000000000:stateMachine:pictor-account-deletion-local');
    expect(loaded.constructPath).toBe(`${fixtureStackName}/AccountDeletion/StateMachine/Resource`);
  });

  it("maps each Task state to its step's handler through the function's construct path", () => {
    const loaded = load(fixtureTemplate(fixtureDefinition, 42));
    expect([...loaded.tasks.keys()].sort()).toEqual([...stepIds].sort());
    expect(loaded.tasks.get('PurgeItems')).toEqual({
      stateName: 'PurgeItems',
      stepId: 'PurgeItems',
      entry: 'test/fixtures/stepfunctions/steps/PurgeItems.ts',
      logicalId: functionLogicalId('PurgeItems'),
      arn: functionArn('PurgeItems'),
      timeoutSeconds: 42,
      memorySizeMb: 512,
    });
    expect(loaded.unusedSteps).toEqual([]);
    expect(loaded.warnings).toEqual([]);
  });

  it('maps by function, not by state name: a renamed state still reaches its step', () => {
    const { MarkDeleting, ...others } = fixtureDefinition.States;
    const renamed = {
      ...fixtureDefinition,
      States: { ...others, Start: { ...others.Start, Next: 'FlagAccount' }, FlagAccount: MarkDeleting },
    };
    expect(load(fixtureTemplate(renamed)).tasks.get('FlagAccount')?.stepId).toBe('MarkDeleting');
  });

  it('lists the steps no Task invokes', () => {
    const steps = [...fixtureSteps, { id: 'ForgottenStep', entry: 'lambdas/workflows/forgotten.ts' }];
    expect(load(fixtureTemplate(), steps).unusedSteps).toEqual(['ForgottenStep']);
  });

  it('warns where the local run differs: a Task without TimeoutSeconds, a Wait timed from the input', () => {
    const { TimeoutSeconds: _none, ...untimed } = fixtureDefinition.States.MarkDeleting;
    const definition = withStates({
      MarkDeleting: untimed,
      PauseBetweenPages: { Type: 'Wait', SecondsPath: '$.pause', Next: 'PurgeItems' },
    });
    expect(load(fixtureTemplate(definition)).warnings).toEqual([
      expect.stringContaining('Task MarkDeleting has no TimeoutSeconds'),
      expect.stringContaining('Wait PauseBetweenPages reads its time from the input'),
    ]);
  });

  it('refuses a step function the step table does not list, naming the Task and the step', () => {
    const steps = fixtureSteps.filter((step) => step.id !== 'WriteReceipt');
    expect(() => load(fixtureTemplate(), steps)).toThrow('Task WriteReceipt invokes the function of step WriteReceipt');
  });

  it('refuses a Task whose function lives outside the workflow', () => {
    const template = fixtureTemplate(
      withStates({ MarkDeleting: { ...fixtureDefinition.States.MarkDeleting, Resource: '{{fn:Elsewhere}}' } }),
    );
    const resources = { ...template.Resources } as Record<string, any>;
    resources[functionLogicalId('Elsewhere')] = { ...resources.HealthHandler1A2B3C4D };
    expect(() => load({ ...template, Resources: resources })).toThrow(
      /Task MarkDeleting invokes .*Routes\/Health.*, which is not a step under/,
    );
  });

  it('refuses Tasks that are not a function ARN (the lambda:invoke integration), and Map states', () => {
    const invoke = withStates({
      MarkDeleting: { ...fixtureDefinition.States.MarkDeleting, Resource: 'arn:aws:states:::lambda:invoke' },
    });
    expect(() => load(fixtureTemplate(invoke))).toThrow(StateMachineDefinitionError);
    expect(() => load(fixtureTemplate(invoke))).toThrow(
      'Task MarkDeleting has Resource "arn:aws:states:::lambda:invoke"',
    );
    const map = withStates({
      Start: {
        Type: 'Map',
        ItemsPath: '$.ids',
        Iterator: { StartAt: 'X', States: { X: { Type: 'Succeed' } } },
        Next: 'MarkDeleting',
      },
    });
    expect(() => load(fixtureTemplate(map))).toThrow('State Start is a Map');
  });

  it('refuses a template without exactly one state machine', () => {
    const template = fixtureTemplate();
    const { AccountDeletionStateMachine92B2B7C6: machine, ...rest } = template.Resources as Record<string, any>;
    expect(() => load({ Resources: rest })).toThrow(
      `${fixtureStackName} holds 0 AWS::StepFunctions::StateMachine resources`,
    );
    expect(() => load({ Resources: { ...rest, A: machine, B: machine } })).toThrow(
      'holds 2 AWS::StepFunctions::StateMachine resources (A, B)',
    );
  });

  it('names the intrinsic it cannot resolve', () => {
    const template = fixtureTemplate();
    const machine = (template.Resources as Record<string, any>).AccountDeletionStateMachine92B2B7C6;
    const join = machine.Properties.DefinitionString['Fn::Join'][1] as unknown[];
    const broken = {
      ...machine,
      Properties: {
        DefinitionString: { 'Fn::Join': ['', [...join.slice(0, -1), { Ref: 'AlarmTopic' }, join.at(-1)]] },
      },
    };
    expect(() => load({ Resources: { ...template.Resources, AccountDeletionStateMachine92B2B7C6: broken } })).toThrow(
      'Ref AlarmTopic in AccountDeletionStateMachine92B2B7C6.DefinitionString cannot be resolved locally',
    );
  });
});
