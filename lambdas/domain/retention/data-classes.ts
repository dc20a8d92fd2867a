/**
 * Every class of data Pictor keeps, with its lifetime and the mechanism that enforces it (issue
 * 14, SECURITY D5). The one place a lifetime is decided: the writers take their TTLs from
 * `lifetimeDays`, the CDK lifecycle rules come from `bucketLifecycleRules`, docs/retention.md is
 * checked against `dataClasses` by test/unit/retention/retention-doc.test.ts, and
 * `GET /v1/me/data` answers from it.
 *
 * Writers import `lifetimeDays` from ./lifetimes.ts, never from here: the table below reads
 * `lifetimeDays.*` properties, which esbuild cannot prove free of side effects, so any bundle that
 * imported this module would carry all of it (8 KB, measured; PERFORMANCE P1).
 */
import { lifetimeDays } from './lifetimes';

export { lifetimeDays, ttlAfter } from './lifetimes';

/** How a class's lifetime is enforced. */
export type Enforcement =
  /** DynamoDB TTL on `ttl` (epoch seconds); every reader also filters expired items itself. */
  | { readonly kind: 'ttl'; readonly days: number }
  /** An S3 lifecycle rule expiring everything under `prefix`. */
  | { readonly kind: 'lifecycle'; readonly prefix: string; readonly days: number; readonly ruleId: string }
  /** Removed by the named deletion paths only; kept until one of them runs. */
  | { readonly kind: 'deletion' }
  /** CloudWatch log-group retention: the stage's `logRetentionDays` (lib/config/stage-config.ts). */
  | { readonly kind: 'logRetention' };

export interface DataClass {
  /** Stable id, also the key `GET /v1/me/data` answers. */
  readonly id: string;
  /** What the data is, in the words of the retention table. */
  readonly what: string;
  readonly where: string;
  /** Why it is kept as long as it is. */
  readonly why: string;
  /** How long, in words (docs/retention.md's "Lifetime" column). */
  readonly lifetime: string;
  readonly enforcement: Enforcement;
  /** The deletion paths that remove it earlier (or at all, for `deletion`). */
  readonly deletedBy: string;
  /** Whether it is about one person (what `GET /v1/me/data` lists); false: no user id in it. */
  readonly personal: boolean;
}

const accountDeletion = 'account deletion';

/** Every data class, in the order docs/retention.md lists them. */
export const dataClasses: readonly DataClass[] = [
  {
    id: 'account',
    what: 'Profile, settings, consents, balance and ledger',
    where: '`USER#<id>` partition',
    why: 'the account itself: what the person set, agreed to and holds',
    lifetime: 'until the account is deleted',
    enforcement: { kind: 'deletion' },
    deletedBy: accountDeletion,
    personal: true,
  },
  {
    id: 'conversations',
    what: 'Conversations, generations and image items',
    where: '`USER#<id>` partition',
    why: "the person's own work, kept until they delete it",
    lifetime: 'until the conversation, the image or the account is deleted',
    enforcement: { kind: 'deletion' },
    deletedBy: 'conversation deletion (and the outbox sweeper), `DELETE /v1/images/{id}`, account deletion',
    personal: true,
  },
  {
    id: 'images',
    what: 'Generated images and validated references',
    where: '`users/<id>/…` in S3',
    why: "the person's own work, kept until they delete it",
    lifetime: 'until the conversation, the image or the account is deleted',
    enforcement: { kind: 'deletion' },
    deletedBy: 'the cleanup worker, account deletion',
    personal: true,
  },
  {
    id: 'idempotencyRecords',
    what: 'Idempotency records (a generation request key and its answer)',
    where: '`USER#<id>` partition',
    why: 'a client retry within a day gets the same generation instead of a second charge',
    lifetime: 'one day',
    enforcement: { kind: 'ttl', days: lifetimeDays.idempotencyRecords },
    deletedBy: accountDeletion,
    personal: true,
  },
  {
    id: 'uploadItems',
    what: 'Upload items (a reference upload awaiting use)',
    where: '`USER#<id>` partition',
    why: 'an upload not used by a conversation within a day was abandoned',
    lifetime: 'one day',
    enforcement: { kind: 'ttl', days: lifetimeDays.uploadItems },
    deletedBy: accountDeletion,
    personal: true,
  },
  {
    id: 'rawUploads',
    what: 'Raw uploads (bytes as the client sent them)',
    where: '`uploads/<id>/…` in S3',
    why: 'only their validated copy is kept; the raw bytes are never needed after a day',
    lifetime: 'one day',
    enforcement: {
      kind: 'lifecycle',
      prefix: 'uploads/',
      days: lifetimeDays.rawUploads,
      ruleId: 'ExpireUnreferencedUploads',
    },
    deletedBy: 'upload validation (deletes the raw bytes), account deletion',
    personal: true,
  },
  {
    id: 'actionLog',
    what: 'Action-log entries (save/share of an image: type, channel, image, time)',
    where: "`USER#<id>` partition (and the conversation's gsi1 group)",
    why: "the person's library history, support questions and a safety review of a quarter's shares",
    lifetime: '90 days',
    enforcement: { kind: 'ttl', days: lifetimeDays.actionLog },
    deletedBy: '`DELETE /v1/images/{id}`, conversation deletion, account deletion',
    personal: true,
  },
  {
    id: 'actionCounters',
    what: 'Action counters (per UTC day, action type and model: a count)',
    where: 'own partition `ACTION_COUNTS#<day>`, no user id',
    why: 'usage compared year on year; holds no personal data',
    lifetime: '2 years from the day',
    enforcement: { kind: 'ttl', days: lifetimeDays.actionCounters },
    deletedBy: 'none needed: no personal data',
    personal: false,
  },
  {
    id: 'rateLimitCounters',
    what: 'Rate-limit counters (issue 15: requests per caller and window)',
    where: '`USER#<id>` partition',
    why: 'a window is over within the day; nothing older limits anyone',
    lifetime: 'one day',
    enforcement: { kind: 'ttl', days: lifetimeDays.rateLimitCounters },
    deletedBy: accountDeletion,
    personal: true,
  },
  {
    id: 'abuseSignals',
    what: 'Abuse signals (issue 15: refused prompts and similar, per account)',
    where: '`USER#<id>` partition',
    why: 'a pattern of abuse shows within a quarter; older signals would only punish the past',
    lifetime: '90 days',
    enforcement: { kind: 'ttl', days: lifetimeDays.abuseSignals },
    deletedBy: accountDeletion,
    personal: true,
  },
  {
    id: 'requestMetadata',
    what: 'Request metadata (access-log lines: route, status, latency, ids; never tokens, prompts or email)',
    where: 'CloudWatch log groups',
    why: 'operating and securing the service (SECURITY H1)',
    lifetime: "the stage's log retention (30 days in dev, 365 in prod)",
    enforcement: { kind: 'logRetention' },
    deletedBy: 'log retention',
    personal: true,
  },
  {
    id: 'exports',
    what: 'Data exports (the ZIP of everything a person holds)',
    where: '`exports/` in S3 and the export item in `USER#<id>`',
    why: 'long enough to download; a copy of everything must not linger',
    lifetime: '7 days',
    enforcement: { kind: 'lifecycle', prefix: 'exports/', days: lifetimeDays.exports, ruleId: 'ExpireExports' },
    deletedBy: accountDeletion,
    personal: true,
  },
  {
    id: 'webhookReceipts',
    what: 'Store event receipts (RevenueCat event id, type, times, effects; no user id)',
    where: '`STORE_EVENT#<eventId>`',
    why: 'billing records; a redelivered event must find its first delivery',
    lifetime: '7 years',
    enforcement: { kind: 'ttl', days: lifetimeDays.storeEventReceipts },
    deletedBy: 'none needed: no personal data',
    personal: false,
  },
  {
    id: 'supportRequests',
    what: 'Support requests (category, message, contact, staff answers)',
    where: '`USER#<id>` partition (open ones also in the support queue group of gsi1)',
    why: 'a follow-up or a billing dispute refers back to the request (chargebacks come within 540 days)',
    lifetime: '2 years from filing',
    enforcement: { kind: 'ttl', days: lifetimeDays.supportRequests },
    deletedBy: accountDeletion,
    personal: true,
  },
  {
    id: 'shareLinks',
    what: 'Share links, live or expired, and their token look-ups',
    where: '`USER#<id>` partition; `SHARETOKEN#<sha256>` with the owner in gsi1',
    why: 'the person decides how long a share lives',
    lifetime: 'until revoked, or the image, conversation or account is deleted',
    enforcement: { kind: 'deletion' },
    deletedBy: '`DELETE /v1/share-links/{id}`, `DELETE /v1/images/{id}`, conversation deletion, account deletion',
    personal: true,
  },
  {
    id: 'revokedShareLinks',
    what: 'Revoked share links',
    where: '`USER#<id>` partition',
    why: 'listed as `revoked` for a while, so the person sees what they turned off',
    lifetime: '30 days after revocation',
    enforcement: { kind: 'ttl', days: lifetimeDays.revokedShareLinks },
    deletedBy: 'the share deletion paths, account deletion',
    personal: true,
  },
  {
    id: 'reports',
    what: 'Resolved reports (reason, target ids, resolution)',
    where: '`REPORT#<id>` partition',
    why: 'a repeated complaint, an appeal or a pattern across reports can be looked up',
    lifetime: 'one year after its resolution (open ones until resolved)',
    enforcement: { kind: 'ttl', days: lifetimeDays.resolvedReports },
    deletedBy: "account deletion removes the reporter from a report and closes reports about the owner's content",
    personal: true,
  },
  {
    id: 'moderationAudit',
    what: 'Moderation and support audit entries (staff id, action, report or request id)',
    where: '`AUDIT` partition',
    why: 'the record of what staff did to people’s content and accounts (PROMISES row 21)',
    lifetime: 'two years',
    enforcement: { kind: 'ttl', days: lifetimeDays.moderationAudit },
    deletedBy: 'none: append-only',
    personal: false,
  },
  {
    id: 'tombstones',
    what: 'Tombstones (`status: DELETED`, request and completion times)',
    where: '`USER#<id>` / `PROFILE`',
    why: 'still-valid tokens (≤ 15 min) and a racing first call cannot bring the account back',
    lifetime: 'one day after deletion',
    enforcement: { kind: 'ttl', days: lifetimeDays.tombstones },
    deletedBy: 'none',
    personal: false,
  },
  {
    id: 'deletionReceipts',
    what: 'Deletion receipts (hash of the user id, execution start and finish)',
    where: '`DELETION#<hash>` / `RECEIPT`',
    why: 'support can confirm a deletion happened and when',
    lifetime: '3 years',
    enforcement: { kind: 'ttl', days: lifetimeDays.deletionReceipts },
    deletedBy: 'none',
    personal: false,
  },
  {
    id: 'retainedAccountSummaries',
    what: 'Retained account summaries (account creation and deletion request dates)',
    where: '`RETAINED#<hash>` / `ACCOUNT`',
    why: 'fraud prevention: repeated sign-ups to farm starter credits',
    lifetime: '2 years',
    enforcement: { kind: 'ttl', days: lifetimeDays.retainedAccountSummaries },
    deletedBy: 'none',
    personal: false,
  },
  {
    id: 'retainedBillingRecords',
    what: 'Retained billing records (kind, amount, date of grants, purchases and refunds)',
    where: '`RETAINED#<hash>` / `CREDIT#…`',
    why: 'billing, tax and chargeback records',
    lifetime: '7 years',
    enforcement: { kind: 'ttl', days: lifetimeDays.retainedBillingRecords },
    deletedBy: 'none',
    personal: false,
  },
  {
    id: 'logs',
    what: 'Function and state-machine logs (ids and counts; the deletion workflow’s input)',
    where: 'CloudWatch log groups',
    why: 'operating the service and tracing a failure',
    lifetime: "the stage's log retention (30 days in dev, 365 in prod)",
    enforcement: { kind: 'logRetention' },
    deletedBy: 'log retention',
    personal: true,
  },
  {
    id: 's3AccessLogs',
    what: 'S3 server access logs of the images bucket',
    where: 'the access-logs bucket',
    why: 'an audit of object reads and writes',
    lifetime: '90 days',
    enforcement: { kind: 'lifecycle', prefix: '', days: lifetimeDays.s3AccessLogs, ruleId: 'ExpireAccessLogs' },
    deletedBy: 'the lifecycle rule',
    personal: false,
  },
];

/**
 * The images bucket's expiry rules, from the classes a prefix rule enforces (the CDK builds them;
 * the access-logs bucket's whole-bucket rule is `lifetimeDays.s3AccessLogs`).
 */
export function bucketLifecycleRules(): { id: string; prefix: string; days: number }[] {
  return dataClasses.flatMap(({ enforcement }) =>
    enforcement.kind === 'lifecycle' && enforcement.prefix !== ''
      ? [{ id: enforcement.ruleId, prefix: enforcement.prefix, days: enforcement.days }]
      : [],
  );
}
