/**
 * Where Pictor's alarms go: one SNS topic per stage, encrypted and TLS-only, with the stage's
 * alarm email subscribed when it has one (SECURITY H3: every async path alarms somewhere).
 */
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { acknowledgeAlarmEmailSubscription } from '../nag-acknowledgements';

const cloudWatch = new iam.ServicePrincipal('cloudwatch.amazonaws.com');

export interface AlarmTopicProps {
  /**
   * Address subscribed to the topic (it must confirm the subscription from the email SNS sends).
   * @default - no subscriber: alarms still change state and show in CloudWatch
   */
  readonly email?: string;
}

export class AlarmTopic extends Construct {
  public readonly topic: sns.Topic;
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);

    // A customer-managed key: CloudWatch cannot publish to a topic encrypted with the AWS-managed
    // SNS key, whose policy cannot grant it anything.
    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts Pictor alarm notifications at rest',
      enableKeyRotation: true,
      // Notifications are transient: nothing encrypted under this key outlives the stack.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    // CloudWatch calls KMS itself when it publishes an alarm; this is the key's own policy, so
    // `*` means this key. Publishing still needs the topic policy below.
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [cloudWatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );

    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Pictor alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    // The topic policy replaces SNS's default one, so CloudWatch is allowed explicitly, and only
    // for this account's alarms.
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowThisAccountsAlarms',
        principals: [cloudWatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
          StringEquals: { 'aws:SourceAccount': stack.account },
        },
      }),
    );

    if (props.email) {
      acknowledgeAlarmEmailSubscription(this.topic.addSubscription(new EmailSubscription(props.email)));
    }
  }
}
