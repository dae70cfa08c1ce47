import { createRequire } from 'node:module';
import { expect } from 'vitest';

// The official Adaptive Cards package (its ESM build imports without file extensions, which Node
// refuses; its UMD bundle is the same code).
type AC = typeof import('adaptivecards');
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AC;

/** Teams' host config allows 6 actions per action set (the Teams light config of adaptivecards-designer). */
const TEAMS_HOST = new AC.HostConfig({ supportsInteractivity: true, actions: { maxActions: 6 } });

/** What the official parser and validator say about a card (schema 1.5, Teams' limits): [] when clean. */
export function cardProblems(card: unknown): string[] {
  const parsed = new AC.AdaptiveCard();
  parsed.hostConfig = TEAMS_HOST;
  const context = new AC.SerializationContext(new AC.Version(1, 5));
  parsed.parse(card as never, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const e of parsed.validateProperties().validationEvents) problems.push(`validate: ${e.message}`);
  return problems;
}

/** Asserts the card parses and validates with no event at all. */
export function expectValidCard(card: unknown, label = 'card'): void {
  expect(cardProblems(card), label).toEqual([]);
}

/** Every Adaptive Card attachment in an activity (or Connector call body), validated. */
export function expectValidCards(activity: { attachments?: unknown } | Record<string, unknown>, label = 'activity'): void {
  const attachments = (activity.attachments ?? []) as Array<{ contentType?: string; content?: unknown }>;
  for (const a of attachments) if (a.contentType === 'application/vnd.microsoft.card.adaptive') expectValidCard(a.content, label);
}
