/**
 * Stage configuration: chosen with `-c stage=<name>`, read from the `stages` context in
 * cdk.json (or `-c stages=...`), validated with zod at synth so a bad value fails before
 * anything deploys. Secrets are never here: only the names of Secrets Manager secrets.
 */
import { z } from 'zod';
import { limitClasses } from '../../lambdas/domain/limits/limit-classes';

const awsRegion = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as us-west-2');
const secretName = z.string().regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, 'a Secrets Manager secret name');
const url = z.string().url();

const appleSignIn = z.strictObject({
  /** Apple Services ID: the client id Cognito presents to Apple. */
  servicesId: z.string().min(1),
  teamId: z.string().regex(/^[A-Z0-9]{10}$/),
  keyId: z.string().regex(/^[A-Z0-9]{10}$/),
  /** Secrets Manager secret holding the .p8 private key (plain text or JSON field `privateKey`). */
  privateKeySecretName: secretName,
});

const googleSignIn = z.strictObject({
  clientId: z.string().min(1),
  /** Secrets Manager secret holding the OAuth client secret (plain text). */
  clientSecretSecretName: secretName,
});

const sesEmail = z.strictObject({
  fromEmail: z.string().email(),
  fromName: z.string().min(1).optional(),
  sesVerifiedDomain: z.string().min(1).optional(),
});

const images = z.strictObject({
  /**
   * `bedrock` calls the registry's Stability models; `local` draws placeholder PNGs, for a stage
   * that has no Bedrock model access.
   */
  provider: z.enum(['bedrock', 'local']).default('bedrock'),
  /**
   * Where the functions call Bedrock (models and guardrail): the Stability models are not in every
   * region (CONTRACTS §1.0), so this is not the stage's own region.
   */
  bedrockRegion: awsRegion.default('us-west-2'),
});

const moderation = z.strictObject({
  /**
   * A Bedrock guardrail in `images.bedrockRegion` that prompts go through (ApplyGuardrail).
   * Without one the functions use the rule-based moderator, which is meant for development.
   */
  guardrail: z
    .strictObject({
      /** The guardrail id (not its ARN: the ARN is built from the id, the account and bedrockRegion). */
      id: z.string().regex(/^[a-z0-9]{1,64}$/, 'a guardrail id (lowercase letters and digits)'),
      /** A published version, or DRAFT (CONTRACTS §1.6). */
      version: z.string().regex(/^([1-9][0-9]{0,7}|DRAFT)$/, 'a guardrail version: 1-99999999 or DRAFT'),
    })
    .optional(),
});

const revenueCat = z.strictObject({
  /** The Secrets Manager secret with RevenueCat's secret API key (`sk_…`); unset: the stage has no RevenueCat. */
  apiKeySecretName: secretName.optional(),
  apiBaseUrl: url.default('https://api.revenuecat.com'),
  /**
   * The Secrets Manager secret holding the exact `Authorization` header value configured on the
   * RevenueCat webhook; unset: POST /webhooks/revenuecat refuses every delivery (401).
   */
  webhookSecretName: secretName.optional(),
});

/** Part B (issue 13): the Telegram bot (docs/telegram.md). */
const telegram = z.strictObject({
  /** The secret `setWebhook` gets as `secret_token`; unset: POST /webhooks/telegram refuses every update (401). */
  webhookSecretName: secretName.optional(),
  /** The Secrets Manager secret holding the bot token (`<id>:<secret>` from BotFather). */
  botTokenSecretName: secretName.optional(),
  /** The bot's own `getMe` answer, so grammY never calls getMe on a cold start. */
  botInfo: z
    .looseObject({
      id: z.number().int().positive(),
      is_bot: z.literal(true),
      first_name: z.string().min(1),
      username: z.string().regex(/^[A-Za-z0-9_]{5,32}$/, 'a bot username'),
    })
    .optional(),
});

const productId = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'a store product id');
const credits = z.number().int().min(0).max(1_000_000);

/** The store catalog (lambdas/domain/billing/catalog.ts has the meaning of each field). */
const billing = z
  .strictObject({
    entitlement: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'a RevenueCat entitlement id'),
    monthlyAllowance: credits,
    trialAllowance: credits.default(0),
    creditSource: z.enum(['purchaseEvents', 'virtualCurrency']).default('purchaseEvents'),
    virtualCurrency: z
      .string()
      .regex(/^[A-Z0-9]{1,16}$/, 'a virtual currency code')
      .optional(),
    applySandbox: z.boolean(),
    products: z.array(
      z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('subscription'), id: productId, allowance: credits.optional() }),
        z.strictObject({ kind: z.literal('consumable'), id: productId, credits: credits.min(1) }),
      ]),
    ),
  })
  .superRefine((catalog, context) => {
    const seen = new Set<string>();
    catalog.products.forEach((product, index) => {
      if (seen.has(product.id)) {
        context.addIssue({ code: 'custom', path: ['products', index, 'id'], message: 'a product id listed twice' });
      }
      seen.add(product.id);
    });
    if (catalog.creditSource === 'virtualCurrency' && !catalog.virtualCurrency) {
      context.addIssue({
        code: 'custom',
        path: ['virtualCurrency'],
        message: 'required when creditSource is virtualCurrency (the code RevenueCat sends)',
      });
    }
  });

/** Data exports (issue 14, docs/export.md). */
const exportsConfig = z.strictObject({
  /** How long after one export a person may ask for the next (one runs at a time regardless). */
  cooldownHours: z.number().int().min(0).max(720).default(24),
});

/** Request limits (issue 15, docs/abuse.md): a class's budgets, replacing its defaults as a whole. */
const budget = z.strictObject({
  max: z.number().int().min(1).max(1_000_000),
  windowSeconds: z.number().int().min(1).max(86_400),
});
const classLimits = z.strictObject({
  perUser: budget.optional(),
  perIp: budget.optional(),
  onFailure: z.enum(['open', 'closed']),
  throttle: z.strictObject({
    rateLimit: z.number().int().positive(),
    burstLimit: z.number().int().positive(),
  }),
});
const limits = z.partialRecord(z.enum(limitClasses), classLimits);

const alarms = z.strictObject({
  /** Subscribed to the alarm topic (the address must confirm the subscription); none: no subscriber. */
  email: z.string().email().optional(),
});

export const stageConfigSchema = z.strictObject({
  /** Short lowercase name; prefixes stack names and resource names. */
  name: z.string().regex(/^[a-z][a-z0-9-]{1,15}$/),
  account: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  region: awsRegion.default('us-east-1'),
  /**
   * Keep data when a stack is deleted: tables and buckets RETAIN, deletion protection on.
   * Only throwaway development stages turn this off.
   */
  retainData: z.boolean(),
  auth: z.strictObject({
    /** Managed-login domain prefix: https://<prefix>.auth.<region>.amazoncognito.com */
    domainPrefix: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/),
    callbackUrls: z.array(url).min(1),
    logoutUrls: z.array(url).min(1),
    apple: appleSignIn.optional(),
    google: googleSignIn.optional(),
    /** Without it Cognito sends the one-time codes itself (low daily quota: fine for dev only). */
    email: sesEmail.optional(),
  }),
  api: z.strictObject({
    /** Steady-state requests per second across the stage, and the burst above it. */
    throttle: z.strictObject({ rateLimit: z.number().int().positive(), burstLimit: z.number().int().positive() }),
    corsOrigins: z.array(z.union([url, z.literal('*')])).default([]),
  }),
  starterCredits: z.number().int().min(0).max(10_000),
  privacyPolicyVersion: z.string().min(1).max(64),
  images: images.prefault({}),
  moderation: moderation.prefault({}),
  revenueCat: revenueCat.prefault({}),
  telegram: telegram.prefault({}),
  /** The store catalog; unset: nothing is sold and every RevenueCat event is recorded without effect. */
  billing: billing.optional(),
  exports: exportsConfig.prefault({}),
  /** Overrides of the limit classes' default budgets (lambdas/domain/limits/limit-classes.ts). */
  limits: limits.default({}),
  alarms: alarms.prefault({}),
  logRetentionDays: z.union([z.literal(7), z.literal(14), z.literal(30), z.literal(90), z.literal(365)]).default(30),
});

export type StageConfig = z.infer<typeof stageConfigSchema>;

export class StageConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StageConfigError';
  }
}

/** Picks `stages[stage]` and validates it; the message names every bad field. */
export function parseStageConfig(stage: unknown, stages: unknown): StageConfig {
  if (typeof stage !== 'string' || stage.length === 0) {
    throw new StageConfigError('No stage given: pass -c stage=<name> (for example -c stage=dev).');
  }
  const all = (typeof stages === 'string' ? JSON.parse(stages) : stages) as Record<string, unknown> | undefined;
  const raw = all?.[stage];
  if (raw === undefined) {
    const known = Object.keys(all ?? {}).join(', ') || 'none';
    throw new StageConfigError(`Unknown stage "${stage}". Stages in cdk.json: ${known}.`);
  }
  const result = stageConfigSchema.safeParse({ name: stage, ...(raw as object) });
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new StageConfigError(`Stage "${stage}" config is invalid:\n${problems}`);
  }
  return result.data;
}
