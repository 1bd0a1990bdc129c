/**
 * The contract of `polyguide run`: what happened to every step of a guide, and the findings in the
 * `run/*` rule family, each placed in the file the translator edits.
 */
import type { CodeLanguage, CodeRole } from '../core/model.ts';
import type { Severity } from '../check/types.ts';

export type { Severity };

/** One finding of the runner; `rule` is `run/<name>`; messages read "Unexpected X, expected Y". */
export interface RunFinding {
  rule: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
}

/**
 * `ran`: really executed in the sandbox (a file written, openssl run); `simulated`: interpreted by a
 * simulator (kubectl, helm, aws, gcloud, echo, cd…); `skipped`: not executed, with the reason;
 * `failed`: executed or simulated and failed, or blocked, with the reason and at least one error.
 */
export type StepStatus = 'ran' | 'simulated' | 'skipped' | 'failed';

export interface CommandResult {
  /** The command's words, quotes resolved. */
  argv: string[];
  /** Position of the command in the guide's file. */
  line: number;
  column: number;
  status: StepStatus;
  /** What the (real or simulated) command printed, trimmed. */
  output: string;
  /** Why it was skipped, blocked or failed, or what the simulation did. */
  note: string;
}

export interface StepResult {
  /** Index of the block in reading order (core/walk.ts `codeBlocks`). */
  index: number;
  role: CodeRole;
  language: CodeLanguage;
  fileName: string | null;
  /** Source position of the block's first code line. */
  line: number;
  column: number;
  status: StepStatus;
  /** One sentence: what happened, or why not. */
  reason: string;
  commands: CommandResult[];
  /** The findings this step produced (also listed in RunReport.findings). */
  findings: RunFinding[];
}

export interface RunSummary {
  ran: number;
  simulated: number;
  skipped: number;
  failed: number;
  errors: number;
  warnings: number;
  infos: number;
}

export interface RunReport {
  guide: { id: string; locale: string; file: string; title: string };
  steps: StepResult[];
  /** All findings, ordered by position in the guide, without duplicates. */
  findings: RunFinding[];
  summary: RunSummary;
  /** Prerequisites the run assumed or declared (files the reader brings, releases already installed). */
  prerequisites: string[];
  /** The sandbox folder, when kept (`keepSandbox`); null once removed. */
  sandbox: string | null;
}

export interface RunOptions {
  /** Wall-clock limit for each real command (openssl), in milliseconds. Default 20 000. */
  timeLimitMs?: number;
  /** Folder in which the sandbox folder is created. Default: the OS temporary folder. */
  sandboxParent?: string;
  /** Keep the sandbox folder after the run (its path is in the report). Default false. */
  keepSandbox?: boolean;
  /** Run safe local tools (openssl) for real. Default true; when false they are skipped. */
  realTools?: boolean;
}
