import { didYouMean } from './did-you-mean.js';
import { normaliseText } from './phrasing.js';
import type { Command, CommandSpec } from './types.js';
import { slipOf, TIME_WORDS } from './typos.js';

export interface Route {
  command: Command;
  args: string;
}

export { normaliseText, stripControl } from './phrasing.js';

/** The arguments a natural pattern captured: its `args` group, then `args2` ("what did X say about Y" → "X Y"). */
function argsOf(m: RegExpExecArray): string {
  return [m.groups?.args, m.groups?.args2]
    .filter((a): a is string => Boolean(a?.trim()))
    .map((a) => a.trim())
    .join(' ');
}

/** How many texts' routes are remembered (the oldest go first). */
const ROUTE_CACHE = 2_000;

/** Holds the commands; routes a message to one. A duplicate name or alias is a programming error. */
export class CommandRegistry {
  private readonly byWord = new Map<string, Command>();
  private readonly ordered: Command[] = [];
  /**
   * Routes of recent texts: routing is a pure function of the text and the registered commands,
   * and a question's natural patterns and period parsing (chrono) cost more than a cached answer.
   */
  private readonly routes = new Map<string, Route>();

  constructor(
    commands: readonly Command[],
    private readonly fallback: string,
  ) {
    for (const c of commands) this.register(c);
    if (!this.byWord.has(fallback)) throw new Error(`fallback command "${fallback}" is not registered`);
  }

  register(command: Command): void {
    for (const word of [command.spec.name, ...command.spec.aliases]) {
      const w = word.toLowerCase();
      const clash = this.byWord.get(w);
      if (clash) throw new Error(`command word "${w}" of "${command.spec.name}" is already used by "${clash.spec.name}"`);
      this.byWord.set(w, command);
    }
    this.ordered.push(command);
    this.routes.clear();
  }

  specs(): readonly CommandSpec[] {
    return this.ordered.map((c) => c.spec);
  }

  get(word: string): Command | undefined {
    return this.byWord.get(word.toLowerCase());
  }

  /**
   * Natural phrasings first, then the first word, then phrasings only a command can recognise
   * (a bare period such as "June" or "Q3 2014"), then a misspelt command word (answered with
   * "did you mean"), then the fallback (a search).
   */
  route(text: string): Route {
    const known = this.routes.get(text);
    if (known) return known;
    const route = this.routeOnce(text);
    if (this.routes.size >= ROUTE_CACHE) this.routes.delete(this.routes.keys().next().value!);
    this.routes.set(text, route);
    return route;
  }

  private routeOnce(text: string): Route {
    const clean = normaliseText(text);
    const [first = '', ...rest] = clean.split(' ');
    const named = this.byWord.get(first.toLowerCase());
    // A command that acts (remind, done, digest…) is named by its first word: no question
    // pattern may take "remind #team before deadlines" for a lookup.
    if (named && !named.spec.cache) return this.byFirstWord(named, first, rest);
    for (const command of this.ordered) {
      for (const pattern of command.spec.patterns ?? []) {
        const m = pattern.exec(clean);
        if (m) return { command, args: argsOf(m) };
      }
    }
    // "quote on nobody speaking up for labour mobility", "show knomad stuff": a lookup of one item
    // by id given words instead of an id (ids are one hyphenated word) is a search for those words.
    if (named && takesAnId(named) && rest.length >= 2 && !rest.some((w) => w.includes('-'))) {
      return { command: this.byWord.get(this.fallback)!, args: rest.join(' ') };
    }
    if (named) return this.byFirstWord(named, first, rest);
    for (const c of this.ordered) {
      const args = c.spec.matches?.(clean);
      if (args !== undefined) return { command: c, args };
    }
    const slip = slipOf(first, [...this.byWord.keys()]);
    if (slip) {
      const times = this.byWord.get(slip)!.spec.times ? fixTimeWords(rest) : undefined;
      return { command: didYouMean, args: [slip, times ?? rest.join(' ')].filter(Boolean).join(' ') };
    }
    return { command: this.byWord.get(this.fallback)!, args: clean };
  }

  private byFirstWord(command: Command, first: string, rest: string[]): Route {
    const times = command.spec.times ? fixTimeWords(rest) : undefined;
    return times ? { command: didYouMean, args: [first, times].join(' ') } : { command, args: rest.join(' ') };
  }
}

/** A read-only command whose argument is one item's id (`show <id>`, `source <id>`). */
function takesAnId(command: Command): boolean {
  return Boolean(command.spec.cache) && / <id>$/.test(command.spec.usage);
}

/** The words with misspelt time words corrected ("tomorow" → "tomorrow"), or undefined when none was. */
function fixTimeWords(words: string[]): string | undefined {
  let changed = false;
  const fixed = words.map((w) => {
    const slip = slipOf(w, TIME_WORDS, 8);
    if (slip) changed = true;
    return slip ?? w;
  });
  return changed ? fixed.join(' ') : undefined;
}
