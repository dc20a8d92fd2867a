/**
 * The bot's one message catalog, in parts: each feature keeps its texts in its own module
 * (`messages/<feature>.ts`, every language at once, so a missing translation is a compile error)
 * and this joins them. Plain text, no parse mode, so nothing the person typed can become markup.
 */
import type { BotLanguage } from '../identity';
import { type CoreMessages, coreMessages } from './core';
import { type DeletionMessages, deletionMessages } from './deletion';
import { type GenerationMessages, generationMessages } from './generation';

/** A feature's texts in every language the bot speaks. */
export type CatalogPart<T> = Readonly<Record<BotLanguage, T>>;

/** Every text (add `, <Feature>Messages` for a new feature). */
export interface BotMessages extends CoreMessages, GenerationMessages, DeletionMessages {}

/** Every part (add one line for a new feature). */
const parts: readonly CatalogPart<object>[] = [coreMessages, generationMessages, deletionMessages];

const catalog = {
  en: Object.assign({}, ...parts.map((part) => part.en)) as BotMessages,
  es: Object.assign({}, ...parts.map((part) => part.es)) as BotMessages,
} satisfies CatalogPart<BotMessages>;

/** The messages in `language`. */
export const messagesIn = (language: BotLanguage): BotMessages => catalog[language];
