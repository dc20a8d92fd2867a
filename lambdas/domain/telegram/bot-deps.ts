/**
 * What the bot's use cases are given (type-only: no bundle bytes). Each feature of the bot
 * declares the deps it needs in its own module; `BotDeps` extends them all, one line each, and
 * the composition root (lambdas/webhooks/telegram-deps.ts) provides them.
 */
import type { ConsentRequest } from '../profile/consents';
import type { ProfileView } from '../profile/profile-view';
import type { Clock } from '../shared/clock';
import type { GenerationBotDeps } from './chat-generation';
import type { DeletionBotDeps } from './deletion';
import type { ChatSender, TelegramIdentityStore, UpdateReceipts } from './ports';

/** What every update needs: the seen-id set, identities, the chat, the profile and its consents. */
export interface CoreBotDeps {
  receipts: UpdateReceipts;
  identities: TelegramIdentityStore;
  chat: ChatSender;
  /** The profile as GET /v1/me shows it (created on first read). */
  profileOf: (userId: string) => Promise<ProfileView>;
  /** POST /v1/me/consents' use case, for the consent buttons. */
  recordConsents: (userId: string, request: ConsentRequest) => Promise<ProfileView>;
  starterCredits: number;
  privacyPolicyVersion: string;
  now: Clock;
  newUserId: () => string;
  /** Logs an outcome with ids and kinds only, never text, usernames or tokens. */
  log: (message: string, fields: Record<string, string | number>) => void;
}

/** Every feature's deps (add `, <Feature>Deps` for a new feature). */
export interface BotDeps extends CoreBotDeps, GenerationBotDeps, DeletionBotDeps {}

export type UpdateOutcome = 'handled' | 'duplicate' | 'failed' | 'ignored';
