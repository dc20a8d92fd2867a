/**
 * `npm run local:revenuecat -- <command> …`: drives the fake RevenueCat that `npm start` runs.
 *   buy <email> <product>   renew <email>   pack <email> <product>   refund <email>
 *   cancel <email>   expire <email>   transfer <from-email> <to-email>
 *   drop-next   (the next command records its purchase without delivering the webhook)
 * An email is resolved to the local user id as `npm run local:token` does (the user is created
 * on first use): the app sets that id as RevenueCat's app user id.
 */
import { localNames, localPorts } from '../config';
import { signIn, type CognitoConnection } from '../sign-in';
import { readState } from '../state';
import { fakeRevenueCatPort } from './port';

const usage = 'Usage: npm run local:revenuecat -- buy|renew|pack|refund|cancel|expire|transfer|drop-next …';

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (!command) throw new Error(usage);
  const connection: CognitoConnection = readState()?.cognito ?? {
    endpoint: `http://127.0.0.1:${localPorts().cognito}`,
    userPoolId: localNames.userPoolId,
    clientId: localNames.userPoolClientId,
  };
  // Emails become user ids; product ids pass as they are.
  const args = await Promise.all(
    rest.map(async (arg) => (arg.includes('@') ? (await signIn(connection, arg)).sub : arg)),
  );
  const response = await fetch(`http://127.0.0.1:${fakeRevenueCatPort()}/_fake/${command}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ args }),
  });
  const body = (await response.json()) as { message?: string; event?: { type: string }; delivery?: unknown };
  if (!response.ok) throw new Error(body.message ?? `the fake answered ${response.status}`);
  console.log(JSON.stringify({ event: body.event?.type, delivery: body.delivery }));
}

main().catch((error: unknown) => {
  process.stderr.write(`local:revenuecat failed: ${(error as Error).message}\n`);
  process.exit(1);
});
