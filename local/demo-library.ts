/**
 * `npm run demo:library`: the library and safety loop a newcomer would try by hand, against the
 * running local stack (`npm start` in another terminal), printing each step:
 * generate an image → favorite it and find it in the favorites → share it and open the share
 * signed out (the page with its preview tags, then the PNG) → revoke the link (404) → share
 * again and report the image → a moderator finds it in the queue and takes it down → the owner
 * sees it removed, the link answers 404, and the audit log shows the action.
 */
import { call, generate, runDemo, show, signInLocally, step, untilSettled, apiUrl } from './demo-client';

/** A signed-out visitor, as a chat app's link preview or a browser would be: no token, no cookies. */
async function visit(path: string): Promise<Response> {
  const response = await fetch(`${apiUrl}${path}`, { redirect: 'manual' });
  show(`GET ${path.replace(/\/s\/[^/]+/, '/s/<token>')} (signed out) → ${response.status}`);
  return response;
}

const metaTags = (html: string) =>
  [...html.matchAll(/<meta (?:property|name)="((?:og|twitter):[a-z:]+)"/g)].map((m) => m[1]);

async function main(): Promise<void> {
  const stamp = Date.now();
  const ownerEmail = process.argv[2] ?? `owner-${stamp}@example.com`;
  step(`Sign in as ${ownerEmail} and make an image`);
  const { accessToken: owner } = await signInLocally(ownerEmail);
  const conversation = await call(owner, 'POST', '/v1/conversations', { title: 'Harbour at dawn' });
  const queued = await generate(owner, conversation.json.id, 'a fishing harbour at dawn, watercolour');
  const done = await untilSettled(owner, queued.json.id);
  const imageId = done.images[0].id;

  step('Favorite it, then find it among the favorites');
  await call(owner, 'PUT', `/v1/images/${imageId}/favorite`);
  const favorites = await call(owner, 'GET', '/v1/images?favorites=true');
  show(`favorites: ${favorites.json.images.map((image: { id: string }) => image.id).join(', ')}`);

  step('Share it, and open the link signed out');
  const link = await call(owner, 'POST', `/v1/images/${imageId}/share-links`, {});
  show(`link ${link.json.linkId}: the token is shown this once (only its hash is stored)`);
  const page = await visit(`/s/${link.json.token}`);
  show(`an HTML page with preview tags: ${metaTags(await page.text()).join(', ')}`);
  const redirect = await visit(`/s/${link.json.token}/image`);
  const png = await fetch(redirect.headers.get('location') ?? '');
  show(`→ the presigned image: ${png.status}, ${(await png.arrayBuffer()).byteLength} bytes PNG`);

  step('Revoke it: the link answers 404 from now on');
  await call(owner, 'DELETE', `/v1/share-links/${link.json.linkId}`);
  await visit(`/s/${link.json.token}`);

  step('Share again, and report the image (the model made something it should not have)');
  const second = await call(owner, 'POST', `/v1/images/${imageId}/share-links`, {});
  const report = await call(owner, 'POST', '/v1/reports', { target: { imageId }, reason: 'violence' });
  show(`report ${report.json.id}: ${report.json.state}`);

  step('A moderator signs in (the local sign-in puts them in the moderators group)');
  const { accessToken: moderator } = await signInLocally(`moderator-${stamp}@example.com`, {
    groups: ['moderators'],
  });
  const queue = await call(moderator, 'GET', '/v1/moderation/reports?limit=50');
  const inQueue = queue.json.reports.find((entry: { id: string }) => entry.id === report.json.id);
  show(`in the open queue: ${inQueue ? `yes (${inQueue.reason})` : 'no'}`);
  const seen = await call(moderator, 'GET', `/v1/moderation/reports/${report.json.id}`);
  show(`prompt "${seen.json.generation?.prompt}", model ${seen.json.generation?.model}; the reporter is not named`);
  await call(moderator, 'POST', `/v1/moderation/reports/${report.json.id}/resolution`, { action: 'take_down' });

  step('The owner sees the image removed, and the link is gone');
  const image = await call(owner, 'GET', `/v1/images/${imageId}`);
  show(`status ${image.json.status}, reason ${image.json.removal?.reason}, url ${image.json.url ?? 'none'}`);
  await visit(`/s/${second.json.token}`);

  step('The audit log records the action');
  const audit = await call(moderator, 'GET', '/v1/moderation/audit?limit=5');
  for (const entry of audit.json.entries.slice(0, 3) as Array<{ action: string; reason: string; at: string }>)
    show(`${entry.at} ${entry.action} (${entry.reason})`);
  console.log('\nDone.');
}

runDemo(main);
