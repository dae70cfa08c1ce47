import { actor } from './actor.js';
import { agenda } from './agenda.js';
import { due, overdue } from './due.js';
import { find } from './find.js';
import { gfmd } from './gfmd.js';
import { hello } from './hello.js';
import { help } from './help.js';
import { more } from './more.js';
import { when } from './when.js';
import { who } from './who.js';
import { CommandRegistry } from './registry.js';
import { section } from './section.js';
import { show } from './show.js';
import { source } from './source.js';
import { tracks } from './tracks.js';
import type { Command } from './types.js';
import { assign, focal } from './assign.js';
import { digest } from './digest.js';
import { history } from './history.js';
import { mine } from './mine.js';
import { remind } from './remind.js';
import { reminders } from './reminders.js';
import { done, progress, status } from './status.js';
import { pause, resume, snooze, stop } from './subscription-controls.js';
import { summary } from './summary.js';
import { tz } from './tz.js';
import { accept } from './accept.js';
import { reject } from './reject.js';
import { edit } from './edit.js';
import { proposed } from './proposed.js';
import { newItem } from './new-item.js';

/** Every command, in routing order (natural phrasings are tried in this order). */
export const COMMANDS: readonly Command[] = [
  hello,
  help,
  more,
  who,
  overdue,
  when,
  actor,
  agenda,
  section,
  gfmd,
  tracks,
  due,
  show,
  source,
  remind,
  reminders,
  stop,
  pause,
  resume,
  snooze,
  summary,
  digest,
  done,
  progress,
  status,
  assign,
  focal,
  history,
  mine,
  tz,
  proposed,
  accept,
  reject,
  edit,
  newItem,
  find,
];

/** The registry; a duplicate command name or alias throws here, at start. */
export function createRegistry(commands: readonly Command[] = COMMANDS): CommandRegistry {
  return new CommandRegistry(commands, 'find');
}
