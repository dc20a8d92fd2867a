/**
 * Cognito as CONTRACTS §4 describes it: Essentials plan with email one-time codes, a public PKCE
 * client without password flows, short-lived tokens, and Apple/Google only where configured.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { resourcesOfType, synthDev, synthFull } from '../support/synth';

const dev = synthDev();
const full = synthFull();

describe.each([
  ['dev', dev],
  ['full', full],
])('user pool in %s', (_name, synth) => {
  it('offers email one-time codes as a first factor on the Essentials plan', () => {
    synth.stateful.hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'ESSENTIALS',
      Policies: Match.objectLike({
        SignInPolicy: { AllowedFirstAuthFactors: Match.arrayWith(['EMAIL_OTP']) },
      }),
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
    });
  });

  it('requires a strong password wherever a password is still possible', () => {
    synth.stateful.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: Match.objectLike({
        PasswordPolicy: Match.objectLike({
          MinimumLength: Match.anyValue(),
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      }),
    });
    const [pool] = Object.values(resourcesOfType(synth.stateful, 'AWS::Cognito::UserPool'));
    expect(pool.Properties!.Policies.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
  });

  it('has one public app client: no secret, USER_AUTH and refresh only, code grant, 15-minute tokens', () => {
    synth.stateful.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    synth.stateful.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      CallbackURLs: synth.config.auth.callbackUrls,
      LogoutURLs: synth.config.auth.logoutUrls,
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      AccessTokenValidity: 15,
      IdTokenValidity: 15,
      RefreshTokenValidity: 30 * 24 * 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
    });
  });

  it('serves the newer managed login on the configured domain prefix, branded for the client', () => {
    synth.stateful.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: synth.config.auth.domainPrefix,
      ManagedLoginVersion: 2,
    });
    synth.stateful.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      UserPoolId: { Ref: 'UserPool' },
      ClientId: { Ref: 'UserPoolAppClient' },
      UseCognitoProvidedValues: true,
    });
    synth.stateful.hasOutput('ManagedLoginDomain', { Value: Match.anyValue() });
    synth.stateful.hasOutput('UserPoolId', { Value: { Ref: 'UserPool' } });
    synth.stateful.hasOutput('UserPoolClientId', { Value: { Ref: 'UserPoolAppClient' } });
  });

  it('has a moderators group', () => {
    synth.stateful.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
      GroupName: 'moderators',
      UserPoolId: { Ref: 'UserPool' },
    });
  });
});

describe('identity providers and email per stage', () => {
  it('has no federated providers and uses Cognito email when the stage configures none', () => {
    dev.stateful.resourceCountIs('AWS::Cognito::UserPoolIdentityProvider', 0);
    dev.stateful.hasResourceProperties('AWS::Cognito::UserPoolClient', { SupportedIdentityProviders: ['COGNITO'] });
    dev.stateful.hasResourceProperties('AWS::Cognito::UserPool', {
      EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
    });
  });

  it('adds Sign in with Apple with its key read from Secrets Manager at deploy time', () => {
    const apple = full.config.auth.apple!;
    full.stateful.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderType: 'SignInWithApple',
      UserPoolId: { Ref: 'UserPool' },
      ProviderDetails: {
        client_id: apple.servicesId,
        team_id: apple.teamId,
        key_id: apple.keyId,
        private_key: `{{resolve:secretsmanager:${apple.privateKeySecretName}:SecretString:::}}`,
        authorize_scopes: 'email',
      },
      AttributeMapping: Match.objectLike({ email: 'email' }),
    });
  });

  it('adds Google with its client secret read from Secrets Manager at deploy time', () => {
    const google = full.config.auth.google!;
    full.stateful.hasResourceProperties('AWS::Cognito::UserPoolIdentityProvider', {
      ProviderType: 'Google',
      ProviderDetails: Match.objectLike({
        client_id: google.clientId,
        client_secret: `{{resolve:secretsmanager:${google.clientSecretSecretName}:SecretString:::}}`,
      }),
      AttributeMapping: Match.objectLike({ email: 'email' }),
    });
  });

  it('lets the app client use exactly the providers that exist, created before it', () => {
    const providers = resourcesOfType(full.stateful, 'AWS::Cognito::UserPoolIdentityProvider');
    const client = resourcesOfType(full.stateful, 'AWS::Cognito::UserPoolClient').UserPoolAppClient;
    expect(client.Properties!.SupportedIdentityProviders).toEqual(['COGNITO', 'SignInWithApple', 'Google']);
    expect(client.DependsOn).toEqual(expect.arrayContaining(Object.keys(providers)));
  });

  it('sends email through SES when the stage configures a sender', () => {
    full.stateful.hasResourceProperties('AWS::Cognito::UserPool', {
      EmailConfiguration: Match.objectLike({
        EmailSendingAccount: 'DEVELOPER',
        From: `${full.config.auth.email!.fromName} <${full.config.auth.email!.fromEmail}>`,
      }),
    });
  });
});
