import { callerFrom } from '../../../lambdas/shared/http/caller';
import { UnauthenticatedError } from '../../../lambdas/shared/errors';
import { accessClaims, httpEvent } from '../../fixtures/http-events';

describe('callerFrom', () => {
  it('takes the user id from the verified sub claim', () => {
    expect(callerFrom(httpEvent({ claims: accessClaims('abc-123') })).userId).toBe('abc-123');
  });

  it.each([
    ['the flattened string API Gateway sends', '[moderators support]', ['moderators', 'support']],
    ['an array', ['moderators'], ['moderators']],
    ['no groups', undefined, []],
  ])('reads Cognito groups from %s', (_name, groups, expected) => {
    const claims = { ...accessClaims(), ...(groups === undefined ? {} : { 'cognito:groups': groups }) };

    expect(callerFrom(httpEvent({ claims })).groups).toEqual(expected);
  });

  it.each([
    ['no authorizer context', null],
    ['no sub', { token_use: 'access' }],
    ['a sub that could break out of a key', accessClaims('a#PROFILE')],
    ['an ID token', accessClaims(undefined, { token_use: 'id' })],
  ])('refuses %s', (_name, claims) => {
    expect(() => callerFrom(httpEvent({ claims }))).toThrow(UnauthenticatedError);
  });
});
