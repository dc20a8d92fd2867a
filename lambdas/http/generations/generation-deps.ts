/**
 * Wires the generation use cases, once per container. The read route needs only the table and
 * S3; the create route adds the moderator and the queue, built on first use so a read never
 * constructs them.
 */
import { documentClient } from '../../adapters/dynamodb/client';
import { generationRepository } from '../../adapters/dynamodb/generation-repository';
import { promptModeratorFromConfig } from '../../adapters/generation/moderator-provider';
import { imageLinks } from '../../adapters/s3/image-links';
import { generationQueue } from '../../adapters/sqs/queues';
import { randomSeed, type CreateGenerationDeps } from '../../domain/generations/create-generation';
import type { GenerationStore } from '../../domain/generations/generation-store';
import type { ImageLinks } from '../../domain/storage/ports';
import { tableConfig } from '../../shared/config';
import { randomId, timeOrderedId } from '../../shared/ids';
import { profileCreationDeps } from '../me/profile-creation-deps';

let store: GenerationStore | undefined;
let createDeps: CreateGenerationDeps | undefined;

function generations(): GenerationStore {
  store ??= generationRepository(documentClient, tableConfig().TABLE_NAME);
  return store;
}

export function readGenerationDeps(): { generations: GenerationStore; objects: ImageLinks } {
  return { generations: generations(), objects: imageLinks() };
}

export function createGenerationDeps(): CreateGenerationDeps {
  createDeps ??= {
    generations: generations(),
    moderator: promptModeratorFromConfig(),
    queue: generationQueue(),
    profiles: profileCreationDeps(),
    now: () => new Date(),
    newId: timeOrderedId,
    newImageId: randomId,
    randomSeed,
  };
  return createDeps;
}
