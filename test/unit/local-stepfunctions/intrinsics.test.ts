/**
 * CloudFormation intrinsics as the local stack evaluates them in a synthesized definition:
 * exactly what CloudFormation would produce, or an error that names what it could not resolve.
 */
import {
  resolveIntrinsics,
  UnresolvedIntrinsicError,
  type IntrinsicScope,
} from '../../../local/stepfunctions/intrinsics';

const scope: IntrinsicScope = {
  pseudoParameter: (name) =>
    ({ 'AWS::Region': 'us-east-1', 'AWS::Partition': 'aws', 'AWS::AccountId': '000000000000' })[name],
  ref: (id) => (id === 'PurgeFn' ? 'PurgeFn' : undefined),
  getAtt: (id, attribute) =>
    id === 'PurgeFn' && attribute === 'Arn' ? 'arn:aws:lambda:us-east-1:000000000000:function:PurgeFn' : undefined,
  importValue: (name) => (name === 'Stateful:TableName' ? 'pictor-local' : undefined),
};

describe('resolveIntrinsics', () => {
  it('joins the JSON text CDK renders around a function ARN', () => {
    const definition = { 'Fn::Join': ['', ['{"Resource":"', { 'Fn::GetAtt': ['PurgeFn', 'Arn'] }, '"}']] };
    expect(resolveIntrinsics(definition, scope)).toBe(
      '{"Resource":"arn:aws:lambda:us-east-1:000000000000:function:PurgeFn"}',
    );
  });

  it('resolves pseudo parameters and resources by Ref, and the dotted GetAtt form', () => {
    const value = {
      arn: { 'Fn::Join': [':', ['arn', { Ref: 'AWS::Partition' }, 'states', { Ref: 'AWS::Region' }]] },
      name: { Ref: 'PurgeFn' },
      dotted: { 'Fn::GetAtt': 'PurgeFn.Arn' },
    };
    expect(resolveIntrinsics(value, scope)).toEqual({
      arn: 'arn:aws:states:us-east-1',
      name: 'PurgeFn',
      dotted: 'arn:aws:lambda:us-east-1:000000000000:function:PurgeFn',
    });
  });

  it('substitutes ${Name}, ${Resource.Attribute}, variables and the literal ${!Text} in Fn::Sub', () => {
    const value = {
      'Fn::Sub': [
        '${AWS::Region}/${PurgeFn.Arn}/${Table}/${!Literal}',
        { Table: { 'Fn::ImportValue': 'Stateful:TableName' } },
      ],
    };
    expect(resolveIntrinsics(value, scope)).toBe(
      'us-east-1/arn:aws:lambda:us-east-1:000000000000:function:PurgeFn/pictor-local/${Literal}',
    );
  });

  it('resolves Fn::Select over Fn::Split', () => {
    const value = { 'Fn::Select': [2, { 'Fn::Split': [':', 'arn:aws:lambda:us-east-1'] }] };
    expect(resolveIntrinsics(value, scope)).toBe('lambda');
  });

  it('leaves plain objects, arrays and scalars as they are', () => {
    const value = { States: { A: { Type: 'Pass', Result: [1, 'two', null, true] } } };
    expect(resolveIntrinsics(value, scope)).toEqual(value);
  });

  it.each([
    [{ 'Fn::GetAtt': ['StateMachineRole', 'Arn'] }, 'Fn::GetAtt [StateMachineRole, Arn]'],
    [{ Ref: 'UserPool' }, 'Ref UserPool'],
    [{ Ref: 'AWS::NotificationARNs' }, 'Ref AWS::NotificationARNs'],
    [{ 'Fn::ImportValue': 'Stateful:Unknown' }, 'Fn::ImportValue Stateful:Unknown'],
    [{ 'Fn::If': ['IsProd', 'a', 'b'] }, 'Fn::If'],
    [{ 'Fn::Sub': 'arn:${Missing}' }, 'Ref Missing'],
  ])('refuses %j, naming %s and where it sits', (value, named) => {
    const attempt = () =>
      resolveIntrinsics({ 'Fn::Join': ['', ['{"x":"', value, '"}']] }, scope, 'Machine.DefinitionString');
    expect(attempt).toThrow(UnresolvedIntrinsicError);
    expect(attempt).toThrow(`${named} in Machine.DefinitionString cannot be resolved locally`);
  });
});
