/**
 * `npm run -s local:token -- ann@example.com`: prints an access token for that user from the
 * running local stack, and nothing else on stdout, so `TOKEN=$(npm run -s local:token -- …)` works.
 * `--moderator` (before or after the email) first puts the user in the Cognito `moderators`
 * group, so the token carries it in `cognito:groups` (docs/runbooks/moderation.md).
 */
import { localNames, localPorts } from './config';
import { moderatorGroup } from '../lambdas/domain/moderation/moderator';
import { signIn, type CognitoConnection } from './sign-in';
import { readState } from './state';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function isConnectionRefused(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return code === 'ECONNREFUSED' || /ECONNREFUSED/.test(message ?? '');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const moderator = args.includes('--moderator');
  const email = args.find((arg) => !arg.startsWith('--'));
  if (!email) fail('Usage: npm run -s local:token -- <email> [--moderator]   (e.g. ann@example.com)');
  // A stack started on other ports says where it is; otherwise assume the defaults.
  const connection: CognitoConnection = readState()?.cognito ?? {
    endpoint: `http://127.0.0.1:${localPorts().cognito}`,
    userPoolId: localNames.userPoolId,
    clientId: localNames.userPoolClientId,
  };
  try {
    const { accessToken, sub } = await signIn(connection, email, { groups: moderator ? [moderatorGroup] : [] });
    process.stdout.write(`${accessToken}\n`);
    const group = moderator ? `, in the ${moderatorGroup} group` : '';
    process.stderr.write(`Access token for ${email} (sub ${sub})${group}, valid 15 minutes.\n`);
  } catch (error) {
    if (isConnectionRefused(error)) {
      fail(`The local stack is not running (nothing answers at ${connection.endpoint}): start it with \`npm start\`.`);
    }
    fail(`local:token failed: ${(error as Error).message}`);
  }
}

void main();
