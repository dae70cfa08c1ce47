import type { Command, CommandSpec } from './types.js';

export interface Route {
  command: Command;
  args: string;
}

/**
 * Control and invisible characters become spaces; runs of white space become one. Direction
 * controls (U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates) are removed: stored,
 * they would show the text reversed to everyone who reads it ("Trojan Source" spoofing).
 */
export function stripControl(text: string): string {
  return text
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cleans what the user typed: control characters, a leading bot mention, trailing punctuation. */
export function normaliseText(text: string): string {
  return stripControl(text)
    .replace(/^(?:@?followup\b[:,]?\s*)/i, '')
    .replace(/[\s?!.]+$/, '')
    .trim();
}

/** Holds the commands; routes a message to one. A duplicate name or alias is a programming error. */
export class CommandRegistry {
  private readonly byWord = new Map<string, Command>();
  private readonly ordered: Command[] = [];

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
  }

  specs(): readonly CommandSpec[] {
    return this.ordered.map((c) => c.spec);
  }

  get(word: string): Command | undefined {
    return this.byWord.get(word.toLowerCase());
  }

  /** Natural phrasings first, then the first word, then the fallback (a search). */
  route(text: string): Route {
    const clean = normaliseText(text);
    for (const command of this.ordered) {
      for (const pattern of command.spec.patterns ?? []) {
        const m = pattern.exec(clean);
        if (m) return { command, args: (m.groups?.args ?? '').trim() };
      }
    }
    const [first = '', ...rest] = clean.split(' ');
    const command = this.byWord.get(first.toLowerCase());
    if (command) return { command, args: rest.join(' ') };
    return { command: this.byWord.get(this.fallback)!, args: clean };
  }
}
