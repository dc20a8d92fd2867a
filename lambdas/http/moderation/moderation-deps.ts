/**
 * Wires the moderation use cases: the reads (queue, one report with presigned image URLs, the
 * audit log) and the resolution (the cleanup queue, Cognito, the deletion workflow). Built on
 * first use and kept for the life of the container; each route builds only what it runs.
 */
import { accountDeletionRepository } from '../../adapters/dynamodb/account-deletion-repository';
import { cognitoUserDirectory } from '../../adapters/cognito/user-directory';
import { documentClient } from '../../adapters/dynamodb/client';
import { moderationReadRepository, moderationRepository } from '../../adapters/dynamodb/moderation-repository';
import { outboxRepository } from '../../adapters/dynamodb/outbox-repository';
import { imageLinks } from '../../adapters/s3/image-links';
import { stepFunctionsDeletionWorkflow } from '../../adapters/sfn/deletion-workflow';
import { cleanupQueue } from '../../adapters/sqs/queues';
import { requestAccountDeletion } from '../../domain/account-deletion/request-account-deletion';
import type { ModerationReadStore } from '../../domain/moderation/ports';
import type { ModerationReadDeps } from '../../domain/moderation/report-for-moderation';
import type { ResolveReportDeps } from '../../domain/moderation/resolve-report';
import { systemClock } from '../../domain/shared/clock';
import { tableConfig } from '../../shared/config';
import { logDeferredHandOver } from '../../shared/deferred-hand-over';
import { randomId } from '../../shared/ids';

let reads: ModerationReadStore | undefined;
let reportDeps: ModerationReadDeps | undefined;
let resolveDeps: ResolveReportDeps | undefined;

/** The queue's and the audit log's. */
export function moderationReads(): ModerationReadStore {
  reads ??= moderationReadRepository(documentClient, tableConfig().TABLE_NAME);
  return reads;
}

/** GET /v1/moderation/reports/{id}'s: the reads and presigned GETs. */
export function moderationReportDeps(): ModerationReadDeps {
  reportDeps ??= { moderation: moderationReads(), objects: imageLinks() };
  return reportDeps;
}

/** POST /v1/moderation/reports/{id}/resolution's. */
export function resolveReportDeps(): ResolveReportDeps {
  if (!resolveDeps) {
    const tableName = tableConfig().TABLE_NAME;
    const deletion = {
      store: accountDeletionRepository(documentClient, tableName),
      workflow: stepFunctionsDeletionWorkflow(),
      outbox: outboxRepository(documentClient, tableName),
      deferred: logDeferredHandOver,
      now: systemClock,
    };
    resolveDeps = {
      moderation: moderationRepository(documentClient, tableName),
      cleanup: cleanupQueue(),
      signIn: cognitoUserDirectory(),
      // Exactly what DELETE /v1/me does for the owner: marked DELETING, the workflow started through the outbox.
      startAccountDeletion: async (userId) => {
        await requestAccountDeletion(deletion, userId);
      },
      newId: randomId,
      now: systemClock,
    };
  }
  return resolveDeps;
}
