export type Platform = 'console' | 'slack' | 'teams';

/** What every adapter turns a platform event into. */
export interface IncomingMessage {
  text: string;
  platform: Platform;
  /** `zone`: the IANA time zone the person's client reports (Teams does), used until they set one with `tz`. */
  user: { id: string; name?: string; zone?: string };
  channel: { id: string; name?: string };
  /** People the message @mentions, with the names the platform gave (they appear as `@<id>` in the text). */
  mentions?: Array<{ id: string; name: string }>;
  /** Workspace or tenant, when the platform has one. */
  team?: string;
}
