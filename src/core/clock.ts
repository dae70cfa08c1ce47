/** Time is a dependency: everything that needs "now" gets a Clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock pinned to one instant (FOLLOWUP_NOW, tests, demos). */
export function fixedClock(instant: Date | string): Clock {
  const t = typeof instant === 'string' ? new Date(instant) : instant;
  return { now: () => new Date(t.getTime()) };
}
