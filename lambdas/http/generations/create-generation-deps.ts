/**
 * Wires the create-generation use case, once per container: the table, the prompt moderator,
 * the generation queue with the outbox behind it, and what creating a first-time caller's
 * profile needs.
 */
import { documentClient } from '../../adapters/dynamodb/client';
import { generationRepository } from '../../adapters/dynamodb/generation-repository';
import { outboxRepository } from '../../adapters/dynamodb/outbox-repository';
import { promptModeratorFromConfig } from '../../adapters/generation/moderator-provider';
import { generationQueue } from '../../adapters/sqs/queues';
import { randomSeed, type CreateGenerationDeps } from '../../domain/generations/create-generation';
import { systemClock } from '../../domain/shared/clock';
import { tableConfig } from '../../shared/config';
import { logDeferredHandOver } from '../../shared/deferred-hand-over';
import { randomId, timeOrderedId } from '../../shared/ids';
import { profileCreationDeps } from '../me/profile-creation-deps';

let deps: CreateGenerationDeps | undefined;

export function createGenerationDeps(): CreateGenerationDeps {
  deps ??= {
    generations: generationRepository(documentClient, tableConfig().TABLE_NAME),
    moderator: promptModeratorFromConfig(),
    queue: generationQueue(),
    outbox: outboxRepository(documentClient, tableConfig().TABLE_NAME),
    deferred: logDeferredHandOver,
    profiles: profileCreationDeps(),
    now: systemClock,
    newId: timeOrderedId,
    newImageId: randomId,
    randomSeed,
  };
  return deps;
}
