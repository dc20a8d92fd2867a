/**
 * The moderation access patterns (docs/data-model.md, rows 32–34): the open queue (one Query on
 * the sparse `moderationQueue` index), one report with the moderator's account (one
 * BatchGetItem), the reported content in the owner's partition (one BatchGetItem), the audit
 * log (one Query), and a resolution: one transaction of the report, its audit entry and the
 * take-down or suspension it decides.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ModerationReadStore, ModerationStore } from '../../domain/moderation/ports';
import type { ReportedContent } from '../../domain/moderation/report-for-moderation';
import type { AccountStatus } from '../../domain/profile/profile';
import type { Report } from '../../domain/reports/report';
import { transactionFailures } from './condition-failures';
import { decodeCursor, encodeCursor } from './cursor';
import { getConsistently, getWithAccount, withAccount } from './get-with-account';
import * as items from './items';
import * as keys from './keys';
import type { ItemKey } from './keys';
import { moderationQueueIndexName } from './table-design';
import { transactWrite } from './transactions';

/** The reads: the queue, one report, its content and the audit log. */
export function moderationReadRepository(client: DynamoDBDocumentClient, tableName: string): ModerationReadStore {
  return {
    async listOpen(moderatorId, limit, cursor) {
      const startKey = decodeCursor(
        cursor,
        { queuePk: keys.openQueue.queuePk },
        { queueSk: keys.openQueue.sortPrefix, pk: 'REPORT#', sk: 'REPORT' },
      );
      const { account, result } = await withAccount(client, tableName, moderatorId, () =>
        client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: moderationQueueIndexName,
            KeyConditionExpression: 'queuePk = :open',
            ExpressionAttributeValues: { ':open': keys.openQueue.queuePk },
            Limit: limit,
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      const { Items = [], LastEvaluatedKey } = result;
      return {
        account,
        items: Items.map(items.report.from),
        nextCursor: encodeCursor(LastEvaluatedKey, ['queueSk', 'pk', 'sk']),
      };
    },

    async get(moderatorId, reportId) {
      const { account, item } = await getWithAccount(client, tableName, moderatorId, keys.report(reportId));
      return { account, item: item && items.report.from(item) };
    },

    async content(report) {
      const { ownerId, generationId, imageIds } = report.subject;
      if (!ownerId) return undefined;
      const generationKey = keys.generationById(ownerId, generationId);
      const imageKeys = imageIds.map((imageId) => keys.image(ownerId, imageId));
      const found = await getConsistently(client, tableName, [generationKey, ...imageKeys]);
      const at = (wanted: ItemKey) => found.find((item) => item.pk === wanted.pk && item.sk === wanted.sk);
      const generation = at(generationKey);
      const images = imageKeys.flatMap((key): ReportedContent['images'] => {
        const image = at(key);
        if (!image) return [];
        return [
          {
            imageId: String(image.imageId),
            objectKey: String(image.objectKey),
            createdAt: String(image.createdAt),
            ...(typeof image.takenDownAt === 'string' ? { takenDownAt: image.takenDownAt } : {}),
          },
        ];
      });
      if (!generation && images.length === 0) return undefined;
      return {
        ...(generation
          ? {
              generation: {
                prompt: String(generation.prompt),
                ...(typeof generation.negativePrompt === 'string' ? { negativePrompt: generation.negativePrompt } : {}),
                modelId: String(generation.modelId),
                createdAt: String(generation.createdAt),
              },
            }
          : {}),
        images,
      };
    },

    async listAudit(moderatorId, limit, cursor) {
      const startKey = decodeCursor(cursor, { pk: keys.auditLog.pk }, { sk: keys.auditLog.sortPrefix });
      const { account, result } = await withAccount(client, tableName, moderatorId, () =>
        client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :log AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':log': keys.auditLog.pk, ':prefix': keys.auditLog.sortPrefix },
            ScanIndexForward: false,
            Limit: limit,
            ExclusiveStartKey: startKey,
          }),
        ),
      );
      const { Items = [], LastEvaluatedKey } = result;
      return { account, items: Items.map(items.auditEntry.from), nextCursor: encodeCursor(LastEvaluatedKey, ['sk']) };
    },
  };
}

/** The reads and the resolution (the resolve route only). */
export function moderationRepository(client: DynamoDBDocumentClient, tableName: string): ModerationStore {
  return {
    ...moderationReadRepository(client, tableName),

    async resolve(report, entry, effects, retainUntil) {
      const { ownerId } = report.subject;
      try {
        await transactWrite(client, {
          TransactItems: [
            resolveReport(tableName, report, entry.action, entry.at, retainUntil),
            {
              Put: {
                TableName: tableName,
                Item: items.auditEntry.to(entry),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...(effects.takeDown?.imageIds ?? []).map((imageId) => ({
              Update: {
                TableName: tableName,
                Key: keys.image(ownerId, imageId),
                UpdateExpression: 'SET takenDownAt = :at, takedownReason = :reason',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':at': entry.at, ':reason': effects.takeDown?.reason },
              },
            })),
            ...(effects.takeDown ? [markRemovedInGeneration(tableName, report, entry.at, effects.takeDown)] : []),
            ...(effects.suspendOwner ? [suspendProfile(tableName, ownerId, entry.at)] : []),
          ],
        });
        return 'resolved';
      } catch (error) {
        const failures = transactionFailures(error);
        if (!failures) throw error;
        if (failures[0]?.failed) return 'already_resolved';
        if (failures.some((failure) => failure.failed)) return 'content_changed';
        throw error;
      }
    },
  };
}

/**
 * The same take-down, marked on the images' generation: the generation and conversation views
 * build their images from the generation item, so without the mark they would still list a
 * taken-down image (with a URL to an object the cleanup worker is removing).
 */
function markRemovedInGeneration(
  tableName: string,
  report: Report,
  at: string,
  takeDown: { imageIds: readonly string[]; reason: string },
) {
  return {
    Update: {
      TableName: tableName,
      Key: keys.generationById(report.subject.ownerId, report.subject.generationId),
      UpdateExpression: 'SET removedImages = list_append(if_not_exists(removedImages, :none), :removed)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: {
        ':none': [],
        ':removed': takeDown.imageIds.map((imageId) => ({ imageId, at, reason: takeDown.reason })),
      },
    },
  };
}

/** OPEN → RESOLVED; removing the queue keys takes it out of the sparse index; the TTL starts. */
function resolveReport(tableName: string, report: Report, resolution: string, at: string, retainUntil: number) {
  return {
    Update: {
      TableName: tableName,
      Key: keys.report(report.reportId),
      UpdateExpression:
        'SET #state = :resolved, resolvedAt = :at, resolution = :resolution, #ttl = :ttl REMOVE queuePk, queueSk',
      ConditionExpression: '#state = :open',
      ExpressionAttributeNames: { '#state': 'state', '#ttl': 'ttl' },
      ExpressionAttributeValues: {
        ':resolved': 'RESOLVED',
        ':open': 'OPEN',
        ':at': at,
        ':resolution': resolution,
        ':ttl': retainUntil,
      },
    },
  };
}

/** DISABLED from ACTIVE (or again); an account already being deleted is left to its workflow. */
function suspendProfile(tableName: string, ownerId: string, at: string) {
  return {
    Update: {
      TableName: tableName,
      Key: keys.profile(ownerId),
      UpdateExpression: 'SET #status = :disabled, updatedAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND #status IN (:active, :disabled)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':disabled': 'DISABLED' satisfies AccountStatus,
        ':active': 'ACTIVE' satisfies AccountStatus,
        ':at': at,
      },
    },
  };
}
