/** The shape of a bot command: `/name argument…` in a private chat. */
import type { BotContext } from '../bot-context';
import type { UpdateOutcome } from '../bot-deps';

/** `argument` is the text after the command, trimmed ("" when none). */
export type Command = (ctx: BotContext, argument: string) => Promise<UpdateOutcome>;

/** Commands by name, lower case, without the slash. */
export type CommandTable = Readonly<Record<string, Command>>;
