import { actor } from './actor.js';
import { agenda } from './agenda.js';
import { due, overdue } from './due.js';
import { find } from './find.js';
import { gfmd } from './gfmd.js';
import { help } from './help.js';
import { CommandRegistry } from './registry.js';
import { show } from './show.js';
import { source } from './source.js';
import { tracks } from './tracks.js';
import type { Command } from './types.js';

/** Every command, in routing order (natural phrasings are tried in this order). */
export const COMMANDS: readonly Command[] = [help, actor, agenda, gfmd, tracks, overdue, due, show, source, find];

/** The registry; a duplicate command name or alias throws here, at start. */
export function createRegistry(commands: readonly Command[] = COMMANDS): CommandRegistry {
  return new CommandRegistry(commands, 'find');
}
