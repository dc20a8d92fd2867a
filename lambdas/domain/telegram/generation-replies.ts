/**
 * The generation worker's replies to a chat (ChatReplies, ../generations/ports.ts): a "sending a
 * photo" action when the job starts, and once it settles the image itself (multipart, from the
 * stored bytes: the bucket is private) or why there is none and that the credits came back.
 *
 * Once: the reply is recorded on the generation (`chatReply.repliedAt`) after it was sent, and a
 * redelivered job that finds it recorded sends nothing. A Telegram error other than a block
 * throws, so the queue redelivers the job and the reply is tried again; the one window for a
 * second copy is a crash between the send and the record (Telegram's sendPhoto has no
 * idempotency key). A blocked bot (403) is recorded as replied and the chat marked unreachable.
 */
import type { Generation } from '../generations/generation';
import type { ChatReplies, GenerationStore } from '../generations/ports';
import type { Clock } from '../shared/clock';
import type { ObjectStore } from '../storage/ports';
import { botLanguages, type BotLanguage } from './identity';
import { messagesIn } from './messages';
import { type ChatSender, ChatUnreachableError, type TelegramIdentityStore } from './ports';

export interface GenerationRepliesDeps {
  chat: ChatSender;
  objects: Pick<ObjectStore, 'getBytes'>;
  generations: Pick<GenerationStore, 'markChatReplied'>;
  identities: Pick<TelegramIdentityStore, 'setUnreachable'>;
  now: Clock;
  log: (message: string, fields: Record<string, string | number>) => void;
}

/** Telegram takes photos up to 10 MB by multipart upload; generated PNGs are far below it. */
const maxPhotoBytes = 10 * 1024 * 1024;

export function generationReplies(deps: GenerationRepliesDeps): ChatReplies {
  return {
    async started(generation) {
      const reply = generation.chatReply;
      if (!reply) return;
      // A courtesy: a lost chat action costs nothing, so it never fails the job.
      await deps.chat.sendChatAction(reply.chatId, 'upload_photo').catch((error: unknown) => {
        deps.log('telegram chat action not sent', { generationId: generation.generationId, error: nameOf(error) });
      });
    },

    async settled(generation) {
      const reply = generation.chatReply;
      if (!reply || reply.repliedAt !== undefined) return;
      const m = messagesIn(languageNamed(reply.language));
      try {
        const png = generation.status === 'SUCCEEDED' ? await firstImage(deps, generation) : undefined;
        if (png) await deps.chat.sendPhoto(reply.chatId, png, m.generationDone(generation.credits));
        else await deps.chat.sendMessage(reply.chatId, failureText(m, generation));
      } catch (error) {
        if (!(error instanceof ChatUnreachableError)) throw error;
        // For a private chat Telegram makes the chat id the person's user id.
        await deps.identities.setUnreachable(String(reply.chatId), deps.now().toISOString()).catch(() => undefined);
      }
      await deps.generations.markChatReplied(generation.userId, generation.generationId, deps.now().toISOString());
      deps.log('telegram generation reply', { generationId: generation.generationId, status: generation.status });
    },
  };
}

async function firstImage(deps: GenerationRepliesDeps, generation: Generation): Promise<Uint8Array | undefined> {
  const [image] = generation.images;
  if (!image) return undefined;
  const read = await deps.objects.getBytes(image.objectKey, maxPhotoBytes);
  return read && 'bytes' in read ? read.bytes : undefined;
}

function failureText(m: ReturnType<typeof messagesIn>, generation: Generation): string {
  if (generation.status === 'BLOCKED') return m.generationBlocked(generation.credits);
  if (generation.status === 'SUCCEEDED') return m.generationImageGone;
  return m.generationFailed(generation.credits);
}

const languageNamed = (language: string): BotLanguage => botLanguages.find((known) => known === language) ?? 'en';

const nameOf = (error: unknown) => (error instanceof Error ? error.name : 'unknown');
