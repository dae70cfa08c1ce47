import { KINDS, NATURES, PRECISIONS, STATUSES } from '../catalog/schema.js';

/** The enumerations an exported record uses (shared by the JSON and CSV readers). */
export const DUE_PRECISIONS_AND_KINDS = { kinds: KINDS, precisions: PRECISIONS, natures: NATURES, statuses: STATUSES } as const;
