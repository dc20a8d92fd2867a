/**
 * The one description of Pictor's single table. The CDK stateful stack and the local stack both
 * build the table from this, so a key or index cannot exist in one place and not the other.
 * Plain data only: the runtime, the CDK app and the local scripts all import it.
 */
export const tableDesign = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB deletes expired items "typically within a few days", so reads also filter. */
  timeToLiveAttribute: 'ttl',
  globalSecondaryIndexes: [
    {
      /** Inverted and pointer look-ups; every item placed here carries its owner's user id in gsi1pk or pk. */
      indexName: 'gsi1',
      partitionKey: 'gsi1pk',
      sortKey: 'gsi1sk',
      projection: 'ALL',
      /** Every function granted the table may use it. */
      grantedWithTable: true,
    },
    {
      /**
       * Sparse: only items whose follow-up work is committed but not yet handed over (keys/,
       * `outboxEntry`). The sweeper needs nothing but their keys.
       */
      indexName: 'outbox',
      partitionKey: 'outboxPk',
      sortKey: 'outboxSk',
      projection: 'KEYS_ONLY',
      /** Only the sweeper reads it (the `readOutbox` capability, lib/constructs/capabilities.ts). */
      grantedWithTable: false,
    },
    {
      /**
       * Sparse: only favorited images (keys/, `favoriteEntry`), newest favorite first, so
       * GET /v1/images?favorites=true is one Query. All attributes, because the list shows the image.
       */
      indexName: 'favorites',
      partitionKey: 'favoritesPk',
      sortKey: 'favoritesSk',
      projection: 'ALL',
      /** Only the library's list route reads it (the `readFavorites` capability). */
      grantedWithTable: false,
    },
    {
      /**
       * Sparse: only OPEN reports carry its keys (keys/, `openQueueEntry`), so the open
       * moderation queue is one Query, most severe reason first and oldest first within it; a
       * resolved report leaves it. ALL: the queue shows reason, dates and target kind.
       */
      indexName: 'moderationQueue',
      partitionKey: 'queuePk',
      sortKey: 'queueSk',
      projection: 'ALL',
      /** Only the queue route reads it (the `readModerationQueue` capability). */
      grantedWithTable: false,
    },
  ],
} as const;

/** The sparse index of work committed but not yet handed over (keys/, `outboxEntry`). */
export const outboxIndexName = 'outbox' satisfies IndexName;

/** The sparse index of favorited images (keys/, `favoriteEntry`). */
export const favoritesIndexName = 'favorites' satisfies IndexName;
/** The sparse index of open reports, for moderators (keys/, `openQueueEntry`). */
export const moderationQueueIndexName = 'moderationQueue' satisfies IndexName;

export type IndexName = (typeof tableDesign.globalSecondaryIndexes)[number]['indexName'];
