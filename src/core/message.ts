export type Platform = 'console' | 'slack' | 'teams';

/** What every adapter turns a platform event into. */
export interface IncomingMessage {
  text: string;
  platform: Platform;
  user: { id: string; name?: string };
  channel: { id: string; name?: string };
  /** Workspace or tenant, when the platform has one. */
  team?: string;
}
