/**
 * Contracts of the guard: diagnostics, language adapters and rules.
 *
 * A diagnostic is a vfile-message (vfile's convention for severity: fatal true = error, false =
 * warning, undefined = info), so unified tooling can read it; cross-language findings carry a
 * `cause` that points at the reference locale's file and line.
 */
import type { CodeLanguage, CodeRole, CodeStep, Guide, Point } from '../core/model.ts';

export type Severity = 'error' | 'warning' | 'info';

/** The stable JSON contract of one finding (documented in the README). */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  rule: string;
  message: string;
  locale: string;
  guide: string;
  reference?: { file: string; line: number; locale: string };
  /** Not part of the JSON contract: what the reference had and what the translation has, for short diffs. */
  expected?: string;
  actual?: string;
}

/** A problem found by a language adapter, in the code block's own coordinates (1-based). */
export interface CodeProblem {
  line: number;
  column: number;
  /** What was found, e.g. "`'` opening a string that never closes". */
  found: string;
  /** What was expected, e.g. "a closing `'` before the end of the command". */
  expected: string;
  /** Stable id of the kind of problem, e.g. `unbalanced-quote`, `duplicate-key`. */
  kind: string;
  severity?: Severity;
}

/**
 * What a language makes of a code block: problems, and a canonical meaning that two blocks can be
 * compared by (YAML data trees, shell words, a Python syntax tree without whitespace…).
 * `meaning` is null when the block does not parse.
 */
export interface Analysis {
  problems: CodeProblem[];
  meaning: unknown;
  /**
   * True when the meaning is a string of tokens, one per line, each a node name or `Name:"text"`
   * (Python's canonical syntax tree): two such meanings are compared token by token, and a
   * difference is shown as the tokens' texts.
   */
  tokens?: boolean;
}

export interface LanguageAdapter {
  language: CodeLanguage;
  analyze(text: string, block: CodeStep): Promise<Analysis> | Analysis;
}

export interface RuleMeta {
  /** `family/name`, e.g. `yaml/syntax`, `cross/code-drift`, `run/missing-file`. */
  id: string;
  description: string;
  /** Default severity; a report may override it. */
  severity: Severity;
}

export interface BlockReport {
  messageId: string;
  data?: Record<string, string | number>;
  /** Position inside the block (1-based line and column of the code text)… */
  line?: number;
  column?: number;
  /** …or a position in the source file, for findings not inside the code. */
  at?: Point;
  severity?: Severity;
}

export interface BlockRuleContext {
  guide: Guide;
  block: CodeStep;
  /** The adapter's analysis of this block (computed once, shared by all rules). */
  analysis: Analysis;
  report(report: BlockReport): void;
}

/** A rule that looks at one code block at a time, like an ESLint rule looks at one file. */
export interface BlockRule {
  meta: RuleMeta & { languages?: CodeLanguage[]; roles?: CodeRole[] };
  /** Message templates with `{{name}}` placeholders; they read "Unexpected X, expected Y". */
  messages: Record<string, string>;
  check(context: BlockRuleContext): void | Promise<void>;
}

/** How one code block of one locale fared, for the site's badges and replacements. */
export interface BlockVerdict {
  /** Index of the block in the guide's reading order (see core/walk.ts codeBlocks). */
  index: number;
  /** Short description of what was validated, e.g. "valid Ingress", "shell parses", "output". */
  label: string;
  /** Worst severity among the block's diagnostics, or null when clean. */
  severity: Severity | null;
  /** Locales whose aligned block means the same. */
  sameIn: string[];
  /** Locales whose aligned block differs in meaning. */
  differsIn: string[];
  /**
   * When this block has an error and the reference locale's aligned block is clean, the reference
   * block to publish instead, and where it comes from.
   */
  replacement?: { text: string; locale: string; file: string; line: number };
  diagnostics: Diagnostic[];
}

export interface CheckSummary {
  files: number;
  guides: number;
  errors: number;
  warnings: number;
}

export interface CheckResult {
  diagnostics: Diagnostic[];
  summary: CheckSummary;
  /** Per guide file path (as in Diagnostic.file): the verdict of each of its code blocks. */
  verdicts: Record<string, BlockVerdict[]>;
  /** Guide id → locale → file path, for status pages. */
  guides: Record<string, Record<string, string>>;
  /** Inputs that could not be read or parsed at all (exit 2), with the rule that refused them (`source/too-large`…). */
  unreadable: Array<{ file: string; line: number; column: number; rule: string; message: string }>;
}
