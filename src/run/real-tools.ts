/**
 * The programs a run executes for real, confined (local.ts vets their arguments); every other
 * command is simulated or refused. Kept apart so that the guard's scheduler can ask without
 * loading the runner.
 */
export const REAL_TOOLS = ['openssl'] as const;
