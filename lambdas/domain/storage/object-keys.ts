/**
 * Every S3 object key Pictor writes is built here, like table keys in lambdas/adapters/dynamodb/keys/.
 * Three top-level prefixes, each followed by the owner's user id, so an account's objects are
 * found by listing three prefixes and IAM can be scoped per purpose:
 *  - `uploads/<userId>/…`: raw reference uploads and their validated copies. The bucket's
 *    lifecycle rule expires this prefix after a day: an upload nobody used simply goes away.
 *  - `users/<userId>/conversations/<conversationId>/…`: generated images and the references a
 *    generation used, kept until the image, the conversation or the account is deleted.
 *  - `exports/<userId>/<exportId>/…`: a data export's ZIP and its checkpoint; the lifecycle rule
 *    expires the prefix after the retention table's days (docs/export.md).
 * Ids in keys are random (≥ 80 bits), so keys are unguessable; the bucket is private anyway.
 */

const conversationPrefix = (userId: string, conversationId: string): string =>
  `users/${userId}/conversations/${conversationId}/`;

export const objectKeys = {
  /** Where the presigned POST puts the client's bytes; never read by anything but validation. */
  uploadOriginal: (userId: string, uploadId: string): string => `uploads/${userId}/${uploadId}/original`,

  /** The decoded, re-encoded (metadata-free) PNG of an upload. */
  uploadValidated: (userId: string, uploadId: string): string => `uploads/${userId}/${uploadId}/validated.png`,

  /** A generated image. */
  generatedImage: (userId: string, conversationId: string, imageId: string): string =>
    `${conversationPrefix(userId, conversationId)}${imageId}.png`,

  /** The copy of a reference a generation used, kept with the conversation once the upload expires. */
  generationReference: (userId: string, conversationId: string, generationId: string, index: number): string =>
    `${conversationPrefix(userId, conversationId)}${generationId}-reference-${index}.png`,

  /** Everything stored for one conversation: the cleanup worker empties it when the conversation is deleted. */
  conversationPrefix,

  /** A data export's archive. */
  exportArchive: (userId: string, exportId: string): string => `exports/${userId}/${exportId}/pictor-export.zip`,

  /** Where a running export stands; beside the archive, so it goes with it. */
  exportCheckpoint: (userId: string, exportId: string): string => `exports/${userId}/${exportId}/checkpoint.json`,

  /** What a person's data export holds: their images and references (not earlier exports). */
  contentPrefixes: (userId: string): string[] => [`users/${userId}/`, `uploads/${userId}/`],

  /** Everything stored for one account: what account deletion empties. */
  userPrefixes: (userId: string): string[] => [`users/${userId}/`, `uploads/${userId}/`, `exports/${userId}/`],
} as const;
