/** ISO 2859-1 inspection levels: the audit record names one, the plan tables are keyed by them. */
export const INSPECTION_LEVELS = ['S-1', 'S-2', 'S-3', 'S-4', 'I', 'II', 'III'] as const
