/** Every command the bot knows, one line per feature module; an unknown one gets a short answer. */
import { basicCommands } from './basics';
import type { CommandTable } from './command';
import { historyCommands } from './history';
import { deletionCommands } from '../deletion';

export const commands: CommandTable = {
  ...basicCommands,
  ...historyCommands,
  ...deletionCommands,
};

/** "/language@PictorBot es" → `{ name: 'language', argument: 'es' }`. */
export function parseCommand(text: string): { name: string; argument: string } {
  const [head = '', ...rest] = text.trim().split(/\s+/);
  return { name: head.slice(1).split('@')[0]?.toLowerCase() ?? '', argument: rest.join(' ') };
}
