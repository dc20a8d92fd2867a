/** The worker's replies to a chat (lambdas/domain/telegram/generation-replies.ts), over in-memory ports. */
import type { Generation } from '../../../lambdas/domain/generations/generation';
import { generationReplies } from '../../../lambdas/domain/telegram/generation-replies';
import { RecordingChat } from '../../fixtures/memory-telegram';

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);

function world() {
  const chat = new RecordingChat();
  const replied = new Set<string>();
  const unreachable: string[] = [];
  const replies = generationReplies({
    chat,
    objects: { getBytes: async (key) => (key === 'images/a.png' ? { bytes: png } : undefined) },
    generations: {
      markChatReplied: async (_userId, generationId) => !replied.has(generationId) && !!replied.add(generationId),
    },
    identities: {
      setUnreachable: async (telegramUserId) => {
        unreachable.push(telegramUserId);
      },
    },
    now: () => new Date('2026-12-04T12:00:00.000Z'),
    log: () => undefined,
  });
  return { chat, replied, unreachable, replies };
}

const generation = (overrides: Partial<Generation> = {}): Generation => ({
  ...{ generationId: 'g1', userId: 'tg_1', conversationId: 'c1', status: 'SUCCEEDED', prompt: 'a kite' },
  ...{ modelId: 'm', aspectRatio: '1:1', seed: 1, referenceUploadIds: [], credits: 1, imageIds: ['a'] },
  images: [{ imageId: 'a', objectKey: 'images/a.png', width: 2, height: 2 }],
  ...{ attempts: 1, createdAt: '2026-12-04T11:00:00.000Z', updatedAt: '2026-12-04T11:00:00.000Z' },
  chatReply: { chatId: 42, language: 'en' },
  ...overrides,
});

it('sends a finished image as a photo of the stored bytes and records the reply', async () => {
  const { chat, replied, replies } = world();

  await replies.settled(generation());

  expect(chat.photos).toEqual([{ chatId: 42, png, caption: expect.stringMatching(/^Here it is \(1 credit\)/) }]);
  expect(replied.has('g1')).toBe(true);
});

it('sends nothing for a reply already recorded, or a generation no chat asked for', async () => {
  const { chat, replies } = world();

  await replies.settled(generation({ chatReply: { chatId: 42, language: 'en', repliedAt: '2026-12-04T11:01:00Z' } }));
  await replies.settled(generation({ chatReply: undefined }));

  expect(chat.photos).toEqual([]);
  expect(chat.messages).toEqual([]);
});

it('tells a blocked or failed generation and its refund in the chat’s language', async () => {
  const { chat, replies } = world();

  await replies.settled(
    generation({ status: 'BLOCKED', images: [], credits: 2, chatReply: { chatId: 42, language: 'es' } }),
  );
  await replies.settled(generation({ generationId: 'g2', status: 'FAILED', images: [] }));

  expect(chat.messages.map((message) => message.text)).toEqual([
    expect.stringMatching(/filtro de seguridad.*Te devolvimos 2 créditos/),
    expect.stringMatching(/could not make this image.*1 credit was refunded/),
  ]);
});

it('records the reply and marks the chat unreachable when the person blocked the bot', async () => {
  const { chat, replied, unreachable, replies } = world();
  chat.blocked.add(42);

  await replies.settled(generation());

  expect(replied.has('g1')).toBe(true);
  expect(unreachable).toEqual(['42']);
});

it('throws on any other Telegram error without recording, so the redelivered job tries again', async () => {
  const { chat, replied, replies } = world();
  chat.sendPhoto = async () => {
    throw new Error('network down');
  };

  await expect(replies.settled(generation())).rejects.toThrow('network down');
  expect(replied.has('g1')).toBe(false);
});

it('never fails the job over a lost chat action', async () => {
  const { chat, replies } = world();
  chat.sendChatAction = async () => {
    throw new Error('flood');
  };

  await expect(replies.started(generation({ status: 'RUNNING' }))).resolves.toBeUndefined();
});
