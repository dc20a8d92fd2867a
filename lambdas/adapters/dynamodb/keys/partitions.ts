/**
 * Partition keys more than one area's keys share. Internal to keys/: `index.ts` does not
 * re-export it, so no caller builds a key from a bare partition.
 */
import { userPartition } from './base';

export const ownedPointersPk = (userId: string): string => `${userPartition(userId)}#POINTERS`;

export const conversationGroupPk = (userId: string, conversationId: string): string =>
  `${userPartition(userId)}#CONV#${conversationId}`;
