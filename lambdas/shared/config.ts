/**
 * Runtime configuration, read from the environment once per cold start and validated with zod,
 * so a misdeployed function fails at its first invocation with a clear message instead of
 * half-working. Each part is parsed on first use: a function only needs the variables of the
 * parts it touches. The CDK function construct and the local stack set these same names.
 */
import * as z from 'zod/mini';
import { validate } from './validation';

const tableEnv = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
});

const profileEnv = z.object({
  /** Credits granted once, when a person's profile is first created. */
  STARTER_CREDITS: z.coerce.number().check(z.int(), z.minimum(0), z.maximum(10_000)),
  /** The privacy-policy version the apps currently show; consents must name it. */
  PRIVACY_POLICY_VERSION: z.string().check(z.minLength(1), z.maxLength(64)),
});

export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

function lazyEnv<T>(schema: z.ZodMiniType<T>): () => T {
  let parsed: T | undefined;
  return () => {
    if (parsed === undefined) {
      const result = validate(schema, process.env);
      if (!result.success) {
        const names = result.error.issues.map((issue) => issue.path.join('.')).join(', ');
        throw new ConfigurationError(`Missing or invalid environment variables: ${names}`);
      }
      parsed = result.data;
    }
    return parsed;
  };
}

export const tableConfig = lazyEnv(tableEnv);
export const profileConfig = lazyEnv(profileEnv);

/** Names of every variable above, for the CDK construct and the local stack to set. */
export const envNames = {
  tableName: 'TABLE_NAME',
  starterCredits: 'STARTER_CREDITS',
  privacyPolicyVersion: 'PRIVACY_POLICY_VERSION',
} as const;
