/**
 * The part of a Telegram Update the bot reads, as a valibot schema: loose objects throughout,
 * since the Bot API adds fields and update kinds without notice (CONTRACTS §3.1); only
 * `update_id` is required, so an update of a kind the bot does not handle is still taken in
 * (recorded, no effect) rather than refused and redelivered.
 */
import * as v from 'valibot';

/* @__NO_SIDE_EFFECTS__ */ const user = () =>
  v.looseObject({
    id: v.pipe(v.number(), v.safeInteger()),
    is_bot: v.optional(v.boolean()),
    username: v.optional(v.pipe(v.string(), v.maxLength(64))),
    language_code: v.optional(v.pipe(v.string(), v.maxLength(35))),
  });

/* @__NO_SIDE_EFFECTS__ */ const chat = () =>
  v.looseObject({ id: v.pipe(v.number(), v.safeInteger()), type: v.string() });

/* @__NO_SIDE_EFFECTS__ */ export function telegramUpdateSchema() {
  return v.looseObject({
    update_id: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
    message: v.optional(
      v.looseObject({
        message_id: v.number(),
        from: v.optional(user()),
        chat: chat(),
        text: v.optional(v.string()),
      }),
    ),
    callback_query: v.optional(
      v.looseObject({
        id: v.string(),
        from: user(),
        message: v.optional(v.looseObject({ chat: chat() })),
        data: v.optional(v.string()),
      }),
    ),
    my_chat_member: v.optional(
      v.looseObject({
        from: user(),
        chat: chat(),
        new_chat_member: v.looseObject({ status: v.string() }),
      }),
    ),
  });
}

export type TelegramUpdate = v.InferOutput<ReturnType<typeof telegramUpdateSchema>>;
export type TelegramUser = NonNullable<TelegramUpdate['callback_query']>['from'];
export type TelegramMessage = NonNullable<TelegramUpdate['message']>;
