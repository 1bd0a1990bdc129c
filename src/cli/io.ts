/** What a command may touch: its streams and working directory, so tests can run commands in-process. */
export interface CommandIO {
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  cwd: string;
}

/** Exit codes shared by every command: 0 clean, 1 findings with errors, 2 bad usage or unreadable input. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

export class UsageError extends Error {}
