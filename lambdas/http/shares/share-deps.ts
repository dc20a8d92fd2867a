/**
 * The share stores, each made once per container and only by the routes that run it: the
 * public routes carry the target look-up alone, the list route the Query alone.
 */
import { documentClient } from '../../adapters/dynamodb/client';
import { shareLinkReadRepository } from '../../adapters/dynamodb/share-link-read-repository';
import {
  shareLinkCreationRepository,
  shareLinkRevocationRepository,
} from '../../adapters/dynamodb/share-link-repository';
import { shareTargetRepository } from '../../adapters/dynamodb/share-target-repository';
import type {
  ShareLinkCreationStore,
  ShareLinkReadStore,
  ShareLinkRevocationStore,
  ShareTargetStore,
} from '../../domain/shares/ports';
import { systemClock } from '../../domain/shared/clock';
import { tableConfig } from '../../shared/config';

let creation: ShareLinkCreationStore | undefined;
let reads: ShareLinkReadStore | undefined;
let revocation: ShareLinkRevocationStore | undefined;
let targets: ShareTargetStore | undefined;

export function shareLinkCreation(): ShareLinkCreationStore {
  creation ??= shareLinkCreationRepository(documentClient, tableConfig().TABLE_NAME);
  return creation;
}

export function shareLinkReads(): ShareLinkReadStore {
  reads ??= shareLinkReadRepository(documentClient, tableConfig().TABLE_NAME);
  return reads;
}

export function shareLinkRevocation(): ShareLinkRevocationStore {
  revocation ??= shareLinkRevocationRepository(documentClient, tableConfig().TABLE_NAME);
  return revocation;
}

/** The public routes' one store: a token's hash to its live target. */
export function shareTargets(): ShareTargetStore {
  targets ??= shareTargetRepository(documentClient, tableConfig().TABLE_NAME);
  return targets;
}

/** The clock the share use cases take. */
export const now = systemClock;
