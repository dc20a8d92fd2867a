/**
 * Domain objects to table items and back, for every entity Pictor stores: every mapping between
 * a record and an item is here, and nowhere else. Keys come from keys.ts; `entityType` names the
 * kind on every item (docs/data-model.md), spelled once in `entityTypes`. Import it as a
 * namespace (`import * as items from './items'`) so a bundle carries only the mappers its route uses.
 */
import {
  retentionDays,
  ttlAfterDays,
  type DeletionReceipt,
  type RetainedAccountSummary,
  type RetainedCreditRecord,
} from '../../domain/account-deletion/deletion';
import type { DeletionState, OwnedItem } from '../../domain/account-deletion/ports';
import type { StoreEventReceipt, StoreGrant } from '../../domain/billing/ports';
import type { Conversation } from '../../domain/conversations/conversation';
import type { Generation, StoredImage } from '../../domain/generations/generation';
import type { IdempotencyMarker } from '../../domain/generations/ports';
import type { ActionCount, ImageAction } from '../../domain/images/action-log';
import type { ImageRecord } from '../../domain/images/image';
import type { AccountSeen } from '../../domain/profile/account-status';
import type { ConsentEvent } from '../../domain/profile/consents';
import type { AccountStatus, LedgerEntry, Profile } from '../../domain/profile/profile';
import { revokedShareLinkDays, type ShareLink } from '../../domain/shares/share-link';
import type { Upload } from '../../domain/uploads/upload';
import { auditEntryTtl, type AuditEntry } from '../../domain/moderation/audit';
import { severityRank, type Report } from '../../domain/reports/report';
import * as keys from './keys';

type Item = Record<string, unknown>;

/* The `entityType` of each kind of item, as stored; constants, so a bundle carries only the ones its mappers write. */
const profileType = 'PROFILE';
const consentEventType = 'CONSENT_EVENT';
const ledgerEntryType = 'LEDGER_ENTRY';
const conversationType = 'CONVERSATION';
const generationType = 'GENERATION';
const imageType = 'IMAGE';
const uploadType = 'UPLOAD';
const idempotencyMarkerType = 'IDEMPOTENCY_KEY';
const retainedAccountType = 'RETAINED_ACCOUNT';
const retainedCreditType = 'RETAINED_CREDIT';
const deletionReceiptType = 'DELETION_RECEIPT';
const imageActionType = 'IMAGE_ACTION';
const actionCounterType = 'ACTION_COUNTER';
const storeEventReceiptType = 'STORE_EVENT_RECEIPT';
const storeGrantType = 'STORE_GRANT';

/** Every `entityType`, for reads that tell kinds apart. */
export const entityTypes = {
  profile: profileType,
  consentEvent: consentEventType,
  ledgerEntry: ledgerEntryType,
  conversation: conversationType,
  generation: generationType,
  image: imageType,
  upload: uploadType,
  idempotencyMarker: idempotencyMarkerType,
  retainedAccount: retainedAccountType,
  retainedCredit: retainedCreditType,
  deletionReceipt: deletionReceiptType,
  imageAction: imageActionType,
  actionCounter: actionCounterType,
  storeEventReceipt: storeEventReceiptType,
  storeGrant: storeGrantType,
} as const;

/** Drops table bookkeeping (keys, entityType, ttl) so it never leaks into the domain. */
function withoutBookkeeping(item: Item): Item {
  const { pk: _pk, sk: _sk, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, entityType: _entityType, ttl: _ttl, ...rest } = item;
  return rest;
}

export const conversation = {
  to: (conversation: Conversation): Item => ({
    ...keys.conversation(conversation.userId, conversation.conversationId),
    entityType: conversationType,
    ...conversation,
  }),
  from: (item: Item): Conversation => withoutBookkeeping(item) as unknown as Conversation,
};

export const generation = {
  to: (generation: Generation): Item => ({
    ...keys.generation(generation.userId, generation.conversationId, generation.generationId),
    entityType: generationType,
    ...generation,
  }),
  from: (item: Item): Generation => withoutBookkeeping(item) as unknown as Generation,
};

export const image = {
  to: (generation: Generation, image: StoredImage, createdAt: string): Item => ({
    ...keys.image(generation.userId, image.imageId),
    // Its place in its owner's library (GET /v1/images).
    ...keys.libraryEntry(generation.userId, createdAt, image.imageId),
    entityType: imageType,
    ...image,
    userId: generation.userId,
    conversationId: generation.conversationId,
    generationId: generation.generationId,
    modelId: generation.modelId,
    createdAt,
  }),
  /** Picks the record's fields, so keys and bookkeeping never leak upward; absent optional fields stay absent. */
  from: (item: Item): ImageRecord => {
    const { imageId, userId, objectKey, width, height, conversationId, generationId, createdAt } =
      item as unknown as ImageRecord;
    const record: ImageRecord = { imageId, userId, objectKey, width, height, conversationId, generationId, createdAt };
    for (const field of imageOptionalFields) {
      if (item[field] !== undefined) Object.assign(record, { [field]: item[field] });
    }
    return record;
  },
};

/** The image attributes other writes add (the library, share links, take-downs), read back when present. */
const imageOptionalFields = [
  'modelId',
  'favoritedAt',
  'shareLinkCount',
  'takenDownAt',
  'takedownReason',
  'actionCount',
] as const satisfies readonly (keyof ImageRecord)[];

export const profile = {
  to: (profile: Profile): Item => ({ ...keys.profile(profile.userId), entityType: profileType, ...profile }),
  /** Picks the domain fields, so table keys and bookkeeping attributes (deletion dates, outbox) never leak upward. */
  from: (item: Item): Profile => {
    const { userId, displayName, status, credits, settings, privacyPolicy, ageConfirmedAt, createdAt, updatedAt } =
      item as unknown as Profile;
    const { allowance, allowanceExpiresAt, allowanceGrantId, subscription } = item as unknown as Profile;
    return {
      userId,
      displayName,
      status,
      credits,
      ...(allowance === undefined ? {} : { allowance, allowanceExpiresAt, allowanceGrantId }),
      ...(subscription === undefined ? {} : { subscription }),
      settings,
      privacyPolicy,
      ageConfirmedAt,
      createdAt,
      updatedAt,
    };
  },
};

/** The account as a guarded read sees it: its status, or undefined when there is no profile. */
export const accountSeen = {
  from: (profile: Item | undefined): AccountSeen => (profile ? { status: profile.status as AccountStatus } : undefined),
};

export const consentEvent = {
  to: (event: ConsentEvent): Item => ({
    ...keys.consentEvent(event.userId, event.recordedAt, event.eventId),
    entityType: consentEventType,
    ...event,
  }),
};

export const ledgerEntry = {
  to: (entry: LedgerEntry): Item => ({
    ...keys.ledgerEntry(entry.userId, entry.createdAt, entry.entryId),
    entityType: ledgerEntryType,
    ...entry,
  }),
  from: (item: Item): LedgerEntry => withoutBookkeeping(item) as unknown as LedgerEntry,
};

export const idempotencyMarker = {
  to: (userId: string, marker: IdempotencyMarker): Item => ({
    ...keys.idempotency(userId, marker.keyHash),
    entityType: idempotencyMarkerType,
    ...marker,
    // TTL tidies up; correctness never waits for it (the create condition compares expiresAt).
    ttl: marker.expiresAt,
  }),
  from: (item: Item): IdempotencyMarker => withoutBookkeeping(item) as unknown as IdempotencyMarker,
};

export const upload = {
  to: (upload: Upload): Item => ({
    ...keys.upload(upload.userId, upload.uploadId),
    entityType: uploadType,
    ...upload,
    ttl: upload.expiresAt,
  }),
  from: (item: Item): Upload => withoutBookkeeping(item) as unknown as Upload,
};

/** The profile item as account deletion reads it (status and dates). */
export const deletionState = {
  from: (item: Item): DeletionState => ({
    status: item.status as AccountStatus,
    accountCreatedAt: item.createdAt as string | undefined,
    requestedAt: item.deletionRequestedAt as string | undefined,
    completedAt: item.deletionCompletedAt as string | undefined,
  }),
};

/** What deletion reads of an item the user owns, and the item as it sees it (keys, kind, a ledger entry's facts). */
export const ownedItemProjection = 'pk, sk, entityType, kind, amount, createdAt, entryId';

export const ownedItem = {
  from: (item: Item): OwnedItem => {
    const owned: OwnedItem = { key: { pk: String(item.pk), sk: String(item.sk) }, entityType: String(item.entityType) };
    if (item.entityType === ledgerEntryType) {
      owned.ledger = {
        kind: String(item.kind),
        amount: Number(item.amount),
        at: String(item.createdAt),
        entryId: String(item.entryId),
      };
    }
    return owned;
  },
};

/** What outlives a deleted account (docs/retention.md), keyed by the subject hash and expired by TTL. */
export const retainedCredit = {
  to: (subjectHash: string, record: RetainedCreditRecord, now: string): Item => ({
    ...keys.retainedCredit(subjectHash, record.at, record.entryId),
    entityType: retainedCreditType,
    kind: record.kind,
    amount: record.amount,
    at: record.at,
    ttl: ttlAfterDays(now, retentionDays.creditRecords),
  }),
};

export const retainedAccount = {
  to: (subjectHash: string, summary: RetainedAccountSummary, now: string): Item => ({
    ...keys.retainedAccount(subjectHash),
    entityType: retainedAccountType,
    ...summary,
    ttl: ttlAfterDays(now, retentionDays.accountSummary),
  }),
};

export const deletionReceipt = {
  to: (receipt: DeletionReceipt, now: string): Item => ({
    ...keys.deletionReceipt(receipt.subjectHash),
    entityType: deletionReceiptType,
    ...receipt,
    ttl: ttlAfterDays(now, retentionDays.receipt),
  }),
};

/** The profile replaced whole once an account is deleted: nothing personal survives in it, and the TTL removes it. */
export const tombstone = {
  to: (userId: string, times: { requestedAt?: string; completedAt: string }, now: string): Item => ({
    ...keys.profile(userId),
    entityType: profileType,
    userId,
    status: 'DELETED' satisfies AccountStatus,
    deletionRequestedAt: times.requestedAt,
    deletionCompletedAt: times.completedAt,
    ttl: ttlAfterDays(now, retentionDays.tombstone),
  }),
};

/* ───────────── Library, favorites and the action log (issue 11, part A) ───────────── */

/** An action-log entry: in its owner's partition, under its image and in its conversation's group; expired by TTL. */
export const imageAction = {
  to: (action: ImageAction): Item => ({
    ...keys.actionEntry(action, action.createdAt, action.actionId),
    entityType: imageActionType,
    ...action,
    // TTL tidies up; every reader also compares expiresAt (docs/retention.md).
    ttl: action.expiresAt,
  }),
};

/** An action-log entry read back (export): apart from `imageAction.to`, so the recording route carries no reader. */
export const storedImageAction = {
  from: (item: Item): ImageAction => withoutBookkeeping(item) as unknown as ImageAction,
};

/** A shard of one day's counter: the day, the action type, the model and a count; no user, image or channel. */
export const actionCounter = {
  /** The attributes an `ADD count :one` sets alongside; `ttl` set once, from the day's first action. */
  fields: (day: string, type: string, modelId: string) => ({ entityType: actionCounterType, day, type, modelId }),
};

/** A counter shard read back (the operator's stats): apart from `actionCounter.fields`, for the same reason. */
export const storedActionCounter = {
  from: (item: Item): ActionCount => ({
    day: String(item.day),
    type: String(item.type),
    modelId: String(item.modelId),
    count: Number(item.count ?? 0),
  }),
};

/* ---- Share links (issue 11, part B; docs/data-model.md rows 23–27) ---- */

const shareLinkType = 'SHARE_LINK';
const shareTokenType = 'SHARE_TOKEN';

/** The kinds of share items, for reads that tell them apart. */
export const shareEntityTypes = { shareLink: shareLinkType, shareToken: shareTokenType } as const;

/** Epoch seconds of an ISO time plus `days`. */
const epochSecondsAfterDays = (iso: string, days: number): number =>
  Math.floor(Date.parse(iso) / 1000) + days * 24 * 60 * 60;

export const shareLink = {
  to: (link: ShareLink): Item => ({
    ...keys.shareLink(link.userId, link.conversationId, link.imageId, link.linkId),
    entityType: shareLinkType,
    ...link,
  }),
  /** Picks the record's fields, so keys and bookkeeping (the revoked link's ttl) never leak upward. */
  from: (item: Item): ShareLink => {
    const { linkId, userId, imageId, conversationId, tokenHash, createdAt, expiresAt, revokedAt } =
      item as unknown as ShareLink;
    const link: ShareLink = { linkId, userId, imageId, conversationId, tokenHash, createdAt };
    if (expiresAt !== undefined) link.expiresAt = expiresAt;
    if (revokedAt !== undefined) link.revokedAt = revokedAt;
    return link;
  },
  /** The ttl a revoked link gets: it stays listed for `revokedShareLinkDays`, then TTL removes it. */
  revokedTtl: (revokedAt: string): number => epochSecondsAfterDays(revokedAt, revokedShareLinkDays),
};

/** What a token look-up names: no token, no title, nothing but the keys of what it opens. */
export interface ShareTokenPointer {
  ownerId: string;
  imageId: string;
  conversationId: string;
  linkId: string;
  expiresAt?: string;
}

export const shareToken = {
  to: (link: ShareLink): Item => ({
    ...keys.shareToken(link.tokenHash, link.userId),
    entityType: shareTokenType,
    ownerId: link.userId,
    imageId: link.imageId,
    conversationId: link.conversationId,
    linkId: link.linkId,
    ...(link.expiresAt === undefined ? {} : { expiresAt: link.expiresAt }),
  }),
  from: (item: Item): ShareTokenPointer => {
    const { ownerId, imageId, conversationId, linkId, expiresAt } = item as unknown as ShareTokenPointer;
    return { ownerId, imageId, conversationId, linkId, ...(expiresAt === undefined ? {} : { expiresAt }) };
  },
};

/* ---- Issue 12: subscriptions and credit packs (docs/subscriptions.md) ---- */

/** A RevenueCat event's receipt: what it was and what it changed, no personal data; kept as a billing record. */
export const storeEventReceipt = {
  to: (receipt: StoreEventReceipt): Item => ({
    ...keys.storeEventReceipt(receipt.eventId),
    entityType: storeEventReceiptType,
    ...receipt,
    ttl: ttlAfterDays(receipt.receivedAt, retentionDays.creditRecords),
  }),
};

export const storeGrant = {
  to: (grant: StoreGrant): Item => ({
    ...keys.storeGrant(grant.grantId),
    entityType: storeGrantType,
    ...grant,
  }),
  from: (item: Item): StoreGrant => withoutBookkeeping(item) as unknown as StoreGrant,
};

/* ---------------------------------------------------------------------------------------------
 * Part C (issue 11): reports, report markers, audit entries (docs/data-model.md, rows 28–34).
 * ------------------------------------------------------------------------------------------- */

const reportType = 'REPORT';
const reportMarkerType = 'REPORT_MARKER';
const auditEntryType = 'AUDIT_ENTRY';

/** The moderation kinds, for reads that tell them apart (deletion finds markers by it). */
export const moderationEntityTypes = { report: reportType, reportMarker: reportMarkerType, auditEntry: auditEntryType };

export const report = {
  /** A new report: in the reporter's gsi1 group when signed in, in the open queue while OPEN. */
  to: (report: Report): Item => ({
    ...keys.report(report.reportId),
    ...(report.reporterId ? keys.reportFiledBy(report.reporterId, report.createdAt, report.reportId) : {}),
    ...(report.state === 'OPEN'
      ? keys.openQueueEntry(severityRank(report.reason), report.createdAt, report.reportId)
      : {}),
    entityType: reportType,
    ...report,
  }),
  /** Picks the record's fields, so keys, queue keys and the TTL never leak upward. */
  from: (item: Item): Report => {
    const { reportId, reporterId, subject, reason, details, state, createdAt, resolvedAt, resolution } =
      item as unknown as Report;
    return Object.fromEntries(
      Object.entries({
        reportId,
        reporterId,
        subject,
        reason,
        details,
        state,
        createdAt,
        resolvedAt,
        resolution,
      }).filter(([, value]) => value !== undefined),
    ) as unknown as Report;
  },
};

export const reportMarker = {
  to: (ownerId: string, reportId: string): Item => ({
    ...keys.reportMarker(ownerId, reportId),
    entityType: reportMarkerType,
    reportId,
  }),
};

export const auditEntry = {
  to: (entry: AuditEntry): Item => ({
    ...keys.auditEntry(entry.at, entry.entryId),
    entityType: auditEntryType,
    ...entry,
    ttl: auditEntryTtl(entry.at),
  }),
  from: (item: Item): AuditEntry => {
    const { entryId, at, moderatorId, action, reportId, reason, target } = item as unknown as AuditEntry;
    return { entryId, at, moderatorId, action, reportId, reason, target };
  },
};
