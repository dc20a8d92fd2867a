/**
 * Wires the generation read, once per container: the table and S3 presigning, nothing else.
 * The create route's wiring (moderator, queue, profile creation, ids) is
 * create-generation-deps.ts, so the read bundle carries none of it.
 */
import { documentClient } from '../../adapters/dynamodb/client';
import { generationReadRepository } from '../../adapters/dynamodb/generation-read-repository';
import { imageLinks } from '../../adapters/s3/image-links';
import type { GenerationReadStore } from '../../domain/generations/ports';
import type { ImageLinks } from '../../domain/storage/ports';
import { tableConfig } from '../../shared/config';

let store: GenerationReadStore | undefined;

export function readGenerationDeps(): { generations: GenerationReadStore; objects: ImageLinks } {
  store ??= generationReadRepository(documentClient, tableConfig().TABLE_NAME);
  return { generations: store, objects: imageLinks() };
}
