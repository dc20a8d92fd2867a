/**
 * The only place a Pictor Lambda is created. Every default (runtime, architecture, bundling,
 * tracing, logs, Powertools env) is fixed here, and access to other resources is granted only
 * through the small helpers below and lib/constructs/capabilities.ts, so a function's IAM policy
 * can be read straight off its route or worker declaration.
 */
import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { tableDesign } from '../../lambdas/adapters/dynamodb/table-design';
import { envNames } from '../../lambdas/shared/config';
import type { StageConfig } from '../config/stage-config';
import { acknowledgeFunctionDefaults } from '../nag-acknowledgements';
import { lambdaBundling, lambdaRuntimeDefaults } from './lambda-defaults';

/** Repository root: route entries and the lock file are resolved against it. */
export const repoRoot = path.resolve(__dirname, '..', '..');

/** The exact DynamoDB actions behind `grantTableRead`; no Scan, ever (ARCHITECTURE §4). */
export const tableReadActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
] as const;

/** The exact DynamoDB actions behind `grantTableReadWrite`. */
export const tableReadWriteActions = [
  ...tableReadActions,
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;

export interface PictorFunctionProps {
  /** Handler module relative to the repository root, e.g. `lambdas/http/me/get-me.ts`; it exports `handler`. */
  readonly entry: string;
  /** The stage settings the function's logs follow: retention and whether they outlive the stack. */
  readonly stage: Pick<StageConfig, 'logRetentionDays' | 'retainData'>;
  /**
   * Extra environment variables (never secrets: those stay in Secrets Manager, SECURITY H2).
   * @default - only the Powertools and Node variables every function gets
   */
  readonly environment?: Record<string, string>;
  /**
   * Shown in the Lambda console.
   * @default - no description
   */
  readonly description?: string;
  /**
   * Queue workers that call slow services set their own; API routes keep the default, which stays
   * well inside API Gateway's 30-second integration limit.
   * @default lambdaRuntimeDefaults.timeoutSeconds
   */
  readonly timeoutSeconds?: number;
  /** @default lambdaRuntimeDefaults.memorySizeMb */
  readonly memorySizeMb?: number;
  /**
   * Build-time constants for this bundle only, on top of `lambdaBundling` (e.g.
   * `imageProviderBundling` in ./lambda-defaults.ts).
   * @default - none
   */
  readonly define?: Readonly<Record<string, string>>;
}

export class PictorFunction extends Construct {
  public readonly function: NodejsFunction;
  public readonly role: iam.Role;
  public readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: PictorFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'Logs', {
      // The schema only admits values that are also RetentionDays members.
      retention: props.stage.logRetentionDays as RetentionDays,
      removalPolicy: props.stage.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    // Own role, no AWSLambdaBasicExecutionRole: that managed policy may write to any log group.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.entry}`,
      inlinePolicies: {
        WriteOwnLogs: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              // The log group's Arn attribute already ends in `:*`, i.e. its streams.
              resources: [this.logGroup.logGroupArn],
            }),
          ],
        }),
      },
    });

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(repoRoot, props.entry),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySizeMb ?? lambdaRuntimeDefaults.memorySizeMb,
      timeout: Duration.seconds(props.timeoutSeconds ?? lambdaRuntimeDefaults.timeoutSeconds),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      description: props.description,
      bundling: {
        ...lambdaBundling,
        format: OutputFormat.ESM,
        mainFields: [...lambdaBundling.mainFields],
        externalModules: [...lambdaBundling.externalModules],
        ...(props.define ? { define: { ...props.define } } : {}),
      },
      environment: {
        ...lambdaRuntimeDefaults.powertoolsEnv,
        ...props.environment,
      },
    });
    acknowledgeFunctionDefaults(this.function, this.role);
  }

  /** Lets the function read items and query the table and its indexes; sets TABLE_NAME. */
  public grantTableRead(table: ITable): void {
    this.grantTable(table, tableReadActions);
  }

  /** Read plus item writes (put, update, delete, batch write); sets TABLE_NAME. */
  public grantTableReadWrite(table: ITable): void {
    this.grantTable(table, tableReadWriteActions);
  }

  /** Adds a variable the handler reads through `lambdas/shared/config.ts`. */
  public addEnvironment(name: string, value: string): void {
    this.function.addEnvironment(name, value);
  }

  private grantTable(table: ITable, actions: readonly string[]): void {
    // Exact index ARNs rather than `index/*`: a new GSI must be granted on purpose.
    const indexArns = tableDesign.globalSecondaryIndexes
      .filter((index) => index.grantedWithTable)
      .map((index) => `${table.tableArn}/index/${index.indexName}`);
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: [...actions], resources: [table.tableArn, ...indexArns] }),
    );
    this.addEnvironment(envNames.tableName, table.tableName);
  }
}
