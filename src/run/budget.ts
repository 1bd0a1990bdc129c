/**
 * What one guide may ask of the runner. The guides of the corpus run at most 231 shell lines and
 * 14 openssl commands each; a page of a hundred thousand commands, or of thousands of real openssl
 * runs (a hostile pull request), must not hold the guard for minutes. Past a limit the rest is
 * not run, and one info finding says so.
 */
export const RUN_LIMITS = {
  /** Commands interpreted (simulated, run or skipped) in one guide. */
  commands: 2_000,
  /** Real tool runs (openssl) in one guide, and the time they may take together. */
  realToolRuns: 100,
  realToolMs: 60_000,
} as const;

export class RunBudget {
  commands = 0;
  realToolRuns = 0;
  realToolMs = 0;
  /** Whether the finding about the command limit was given (once per guide). */
  commandLimitReported = false;
  /** Whether the finding about the real tool limit was given (once per guide). */
  realToolLimitReported = false;

  commandsLeft(): boolean {
    return this.commands < RUN_LIMITS.commands;
  }

  realToolsLeft(): boolean {
    return this.realToolRuns < RUN_LIMITS.realToolRuns && this.realToolMs < RUN_LIMITS.realToolMs;
  }
}
