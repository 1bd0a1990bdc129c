/**
 * What a simulated (or real) command sees: the shared world, the sandbox, the environment, the
 * command's words with their positions, and a way to report findings at a word or inside the file
 * a command reads.
 */
import type { CodeStep } from '../../core/model.ts';
import { codeInMessage } from '../../core/code-in-message.ts';
import type { Sandbox } from '../sandbox.ts';
import type { RunCommand, RunWord } from '../shell.ts';
import type { Severity, StepStatus } from '../types.ts';
import type { ClusterState, KindInfo, KubeObject } from './cluster.ts';
import type { RunBudget } from '../budget.ts';

/** A place inside a code block of the guide: 1-based line and column of the block's text. */
export interface BlockPlace {
  block: CodeStep;
  line: number;
  column: number;
}

export interface Report {
  rule: string;
  severity: Severity;
  message: string;
  /** Where: a word of the command (default: the command's first word) or a place in a block. */
  word?: RunWord;
  at?: BlockPlace;
  /** Found while trying an alternative block of a file: it belongs to that block's step, not the command's. */
  alternative?: boolean;
}

/** What a command printed, kept so that a following expected-output step can be compared with it. */
export type Printed =
  | { type: 'table'; kind: KindInfo; objects: KubeObject[]; text: string; unknown?: string }
  | { type: 'objects'; format: 'yaml' | 'json'; objects: KubeObject[]; text: string }
  | { type: 'data'; data: unknown; text: string }
  | { type: 'text'; text: string }
  /** Nothing to compare with: the real tool would print something the simulation cannot know. */
  | { type: 'unknown'; reason: string };

export interface CommandOutcome {
  status: StepStatus;
  output: string;
  note: string;
  printed?: Printed;
  /** Exit status for `&&` / `||` when it differs from what the status implies (`false`). */
  exitCode?: number;
}

export interface Prerequisites {
  /** Files the reader brings (declared in front matter or inferred), sandbox-relative. */
  files: Set<string>;
  /** Human-readable list of what the run assumed, for the report. */
  assumed: string[];
}

export interface SimContext {
  state: ClusterState;
  sandbox: Sandbox;
  env: Record<string, string>;
  command: RunCommand;
  /** The code block the command is in. */
  block: CodeStep;
  prerequisites: Prerequisites;
  /** What the previous command of a pipeline printed (`cat <<EOF | kubectl apply -f -`), else null. */
  stdin: string | null;
  report(report: Report): void;
  /**
   * A command of the run that was not run (unsupported, a download…) and may have produced `path`
   * (one of its words names the path's first part), as "`tar -xzf kafka.tgz` (line 12)"; else null.
   */
  mayHaveMade(path: string): string | null;
  /**
   * The link in the guide's prose whose target is this file (`…/rollingUpdate.sh`): the reader
   * downloads it from the page. Null when no link names it.
   */
  linked(path: string): string | null;
  /** The guide's source line of a word of the command (for "created at line N" in messages). */
  lineOf(word: RunWord): number;
  /** Where the command's block sits (see blocks.ts `blockPlaces`), to tell alternatives apart. */
  place: string;
  /** Time limit for real commands. */
  timeLimitMs: number;
  realTools: boolean;
  /** What the guide may still ask of the runner (real tool runs and their time). */
  budget: RunBudget;
  /**
   * The block a sandbox file was written from (role `file`), to place findings inside it, with the
   * other blocks that are alternatives for the same file.
   */
  blockOfFile(path: string): { block: CodeStep; alternatives: Array<{ block: CodeStep; label: string }> } | undefined;
}

export type Simulator = (words: RunWord[], context: SimContext) => Promise<CommandOutcome>;

export function failed(note: string, output = ''): CommandOutcome {
  return { status: 'failed', output, note };
}

export function simulated(note: string, output = '', printed?: Printed): CommandOutcome {
  return printed ? { status: 'simulated', output, note, printed } : { status: 'simulated', output, note };
}

export function skipped(note: string, printed?: Printed): CommandOutcome {
  return printed ? { status: 'skipped', output: '', note, printed } : { status: 'skipped', output: '', note };
}

/** A word or command of the guide as a message shows it (see codeInMessage), cut at 80 characters. */
export function code(text: string): string {
  return codeInMessage(text.length > 80 ? `${text.slice(0, 77)}…` : text);
}
