/**
 * Errors a PromptModerator may raise instead of a verdict.
 */

/**
 * The moderator could not give a verdict (the moderation service is throttled, down, slow or
 * misconfigured). Moderation fails closed: the prompt is refused for now, the person is asked
 * to try again, and nothing is charged, because moderation runs before any charge (SECURITY G3).
 * The original failure is kept as `cause` for the logs.
 */
export class ModerationUnavailableError extends Error {
  constructor(message = 'Prompt moderation is unavailable right now.', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModerationUnavailableError';
  }
}
