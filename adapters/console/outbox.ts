import { DeliveryError, type OutboundMessage, type Outbox } from '../../src/scheduler/outbox.js';
import { renderText, type RenderOptions } from './render.js';

/** Delivers scheduled messages into the terminal: the console adapter's outbox. */
export class ConsoleOutbox implements Outbox {
  constructor(
    private readonly write: (text: string) => void,
    private readonly options: RenderOptions = { color: false, width: 100 },
  ) {}

  async send(m: OutboundMessage): Promise<void> {
    if (m.target.platform !== 'console') throw new DeliveryError(false, `the console cannot deliver to ${m.target.platform}`);
    const to = m.target.kind === 'channel' ? `#${m.target.ref}` : `@${m.target.ref}`;
    this.write(`\n🔔 to ${to}${m.late ? ' (late)' : ''}\n${renderText(m.reply, this.options)}`);
  }
}
