import type { Database } from 'better-sqlite3';
import { m001Catalog } from './001-catalog.js';
import { m002Followup } from './002-followup.js';
import { m003ConversationRefs } from './003-conversation-refs.js';
import { m004Imports } from './004-imports.js';
import { m005AuditNames } from './005-audit-names.js';
import { m006TypedTopicsAndLeases } from './006-typed-topics-and-leases.js';
import { m007DueNatureAndParagraphs } from './007-due-nature-and-paragraphs.js';
import { m008SearchLemmas } from './008-search-lemmas.js';
import { m009ChatProvenance } from './009-chat-provenance.js';
import { m010DashboardIndexes } from './010-dashboard-indexes.js';
import { m011DashboardTallies } from './011-dashboard-tallies.js';
import { m012TeamsCards } from './012-teams-cards.js';
import { m013SlackWorkspaces } from './013-slack-workspaces.js';
import { m014SharedLog } from './014-shared-log.js';
import { m015ReplicaTables } from './015-replica-tables.js';

export interface Migration {
  /** user_version after this migration has run. Numbers are consecutive from 1. */
  version: number;
  name: string;
  up(db: Database): void;
}

/** Every migration, in order. Append only: never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [m001Catalog, m002Followup, m003ConversationRefs, m004Imports, m005AuditNames, m006TypedTopicsAndLeases, m007DueNatureAndParagraphs, m008SearchLemmas, m009ChatProvenance, m010DashboardIndexes, m011DashboardTallies, m012TeamsCards, m013SlackWorkspaces, m014SharedLog, m015ReplicaTables];
