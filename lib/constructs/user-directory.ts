/**
 * Who the users are: the Cognito user pool (email one-time codes on the Essentials plan, Sign in
 * with Apple and Google when configured), its managed-login domain and the one public PKCE app
 * client the iOS and web apps share (CONTRACTS §4).
 */
import { Duration, RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config';
import { acknowledgeUserPool } from '../nag-acknowledgements';
import { moderatorGroup } from '../../lambdas/domain/moderation/moderator';

/** Cognito group whose members may act on reports (ARCHITECTURE §5). */
export const moderatorsGroupName = moderatorGroup;

/** Access and ID tokens stay short because API Gateway cannot revoke them (CONTRACTS §0.3). */
export const accessTokenValidity = Duration.minutes(15);

export interface UserDirectoryProps {
  /** The stage: its `auth` block, `retainData` and `region`. */
  readonly stage: Pick<StageConfig, 'auth' | 'retainData' | 'region'>;
}

export class UserDirectory extends Construct {
  public readonly userPool: cognito.UserPool;
  public readonly userPoolClient: cognito.UserPoolClient;
  public readonly domain: cognito.UserPoolDomain;
  /** The federated identity providers this stage configures (none, Apple, Google or both). */
  public readonly identityProviders: cognito.IUserPoolIdentityProvider[] = [];

  constructor(scope: Construct, id: string, props: UserDirectoryProps) {
    super(scope, id);
    const { auth, retainData } = props.stage;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      // `password: true` is mandatory in the API. The apps ask USER_AUTH for EMAIL_OTP or use a
      // federated provider; the client below enables no legacy password flow (SRP, USER_PASSWORD).
      signInPolicy: { allowedFirstAuthFactors: { password: true, emailOtp: true } },
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      signInCaseSensitive: false,
      // Mutable so that federated sign-ins can refresh the mapped email.
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      email: auth.email
        ? cognito.UserPoolEmail.withSES({
            fromEmail: auth.email.fromEmail,
            fromName: auth.email.fromName,
            sesVerifiedDomain: auth.email.sesVerifiedDomain,
            sesRegion: props.stage.region,
          })
        : // Cognito's own sender: a small daily quota, acceptable for development stages only.
          cognito.UserPoolEmail.withCognito(),
      deletionProtection: retainData,
      removalPolicy: retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    acknowledgeUserPool(this.userPool);

    const supportedIdentityProviders = [cognito.UserPoolClientIdentityProvider.COGNITO];
    if (auth.apple) {
      this.identityProviders.push(
        new cognito.UserPoolIdentityProviderApple(this, 'AppleIdentityProvider', {
          userPool: this.userPool,
          clientId: auth.apple.servicesId,
          teamId: auth.apple.teamId,
          keyId: auth.apple.keyId,
          // Resolved by CloudFormation at deploy time; the key never enters the template or repo.
          privateKeyValue: SecretValue.secretsManager(auth.apple.privateKeySecretName),
          // Only what the account needs: the (possibly relayed) email address, no name.
          scopes: ['email'],
          attributeMapping: {
            email: cognito.ProviderAttribute.APPLE_EMAIL,
            emailVerified: cognito.ProviderAttribute.APPLE_EMAIL_VERIFIED,
          },
        }),
      );
      supportedIdentityProviders.push(cognito.UserPoolClientIdentityProvider.APPLE);
    }
    if (auth.google) {
      this.identityProviders.push(
        new cognito.UserPoolIdentityProviderGoogle(this, 'GoogleIdentityProvider', {
          userPool: this.userPool,
          clientId: auth.google.clientId,
          clientSecretValue: SecretValue.secretsManager(auth.google.clientSecretSecretName),
          scopes: ['openid', 'email'],
          attributeMapping: {
            email: cognito.ProviderAttribute.GOOGLE_EMAIL,
            emailVerified: cognito.ProviderAttribute.GOOGLE_EMAIL_VERIFIED,
          },
        }),
      );
      supportedIdentityProviders.push(cognito.UserPoolClientIdentityProvider.GOOGLE);
    }

    this.domain = this.userPool.addDomain('ManagedLoginDomain', {
      cognitoDomain: { domainPrefix: auth.domainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });

    // Public client (mobile and browser apps cannot keep a secret): authorization code + PKCE for
    // the managed login, USER_AUTH for the in-app email code, no SRP or USER_PASSWORD_AUTH flow.
    this.userPoolClient = this.userPool.addClient('AppClient', {
      generateSecret: false,
      authFlows: { user: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: auth.callbackUrls,
        logoutUrls: auth.logoutUrls,
      },
      supportedIdentityProviders,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity,
      idTokenValidity: accessTokenValidity,
      refreshTokenValidity: Duration.days(30),
      authSessionValidity: Duration.minutes(3),
    });
    // The client names the providers, so they must exist first (CONTRACTS §4.2).
    for (const idp of this.identityProviders) this.userPoolClient.node.addDependency(idp);

    // The newer managed login renders nothing until the client has a branding style.
    const branding = new cognito.CfnManagedLoginBranding(this, 'ManagedLoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.userPoolClient.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    branding.node.addDependency(this.domain);

    new cognito.UserPoolGroup(this, 'ModeratorsGroup', {
      userPool: this.userPool,
      groupName: moderatorsGroupName,
      description: 'Support and moderation staff: may act on reports and take content down.',
    });
  }
}
