/**
 * One row of lib/scheduled.ts in AWS: the function, an EventBridge rule that invokes it every
 * few minutes, and an alarm when it keeps failing. What it may touch is granted by the stack
 * from the row's `table` and `uses`, as for routes and workers.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config';
import { acknowledgeScheduledFunction } from '../nag-acknowledgements';
import type { ScheduledDefinition } from '../scheduled';
import { PictorFunction } from './pictor-function';

export interface ScheduledFunctionProps {
  readonly definition: ScheduledDefinition;
  readonly stage: Pick<StageConfig, 'logRetentionDays' | 'retainData'>;
  readonly alarmTopic: ITopic;
}

export class ScheduledFunction extends Construct {
  public readonly handler: PictorFunction;
  public readonly schedule: events.Rule;
  /** Fires when every run failed for `alarmAfterPeriods` 5-minute periods in a row. */
  public readonly errorAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ScheduledFunctionProps) {
    super(scope, id);
    const { definition } = props;
    this.handler = new PictorFunction(this, 'Handler', {
      entry: definition.entry,
      stage: props.stage,
      description: definition.description,
      timeoutSeconds: definition.timeoutSeconds,
    });

    this.schedule = new events.Rule(this, 'Schedule', {
      description: `Runs ${definition.id} every ${definition.everyMinutes} minute(s)`,
      schedule: events.Schedule.rate(Duration.minutes(definition.everyMinutes)),
      // The next run comes soon anyway: no retries of a missed run, no stale run after a backlog.
      targets: [
        new targets.LambdaFunction(this.handler.function, {
          retryAttempts: 0,
          maxEventAge: Duration.minutes(definition.everyMinutes),
        }),
      ],
    });
    acknowledgeScheduledFunction(this.handler.function, this.schedule);

    this.errorAlarm = this.handler.function
      .metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM })
      .createAlarm(this, 'ErrorAlarm', {
        alarmDescription:
          `${definition.id} has failed in every 5-minute period ` +
          `for ${definition.alarmAfterPeriods * 5} minutes: committed work is ` +
          'not being handed over. Its logs name the kind of work and the error (docs/runbooks).',
        threshold: 1,
        evaluationPeriods: definition.alarmAfterPeriods,
        datapointsToAlarm: definition.alarmAfterPeriods,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    this.errorAlarm.addAlarmAction(new SnsAction(props.alarmTopic));
  }
}
