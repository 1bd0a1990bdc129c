/**
 * The interface of a rule that looks at all locales of one guide at once (the guide set), like an
 * ESLint rule: meta, message templates, and a check that reports through its context.
 */
import type { Guide, Point } from '../../../core/model.ts';
import type { Analysis, RuleMeta, Severity } from '../../types.ts';
import type { SetPlan } from '../../cross/plan.ts';

export interface SetReport {
  messageId: string;
  data?: Record<string, string | number>;
  /** The translator's file is the locale's guide; `at` is a point in it. */
  locale: string;
  at: Point;
  severity?: Severity;
  /** Where the reference locale says otherwise. */
  reference?: { locale: string; at: Point };
  expected?: string;
  actual?: string;
}

export interface SetRuleContext {
  /** Every locale of the guide, by locale. */
  guides: Map<string, Guide>;
  /** The decoded source text of each locale's file. */
  sources: Map<string, string>;
  plan: SetPlan;
  analysisOf(block: Guide['sections'][number]['steps'][number] & { kind: 'code' }): Analysis;
  /** Tokens of every code block of the guide in every locale (of comments only identifier-shaped ones): what counts as an identifier. */
  codeTokens: Set<string>;
  /** Whether the block already has an error from a block rule (so cross rules do not repeat it). */
  hasBlockError(locale: string, blockIndex: number): boolean;
  report(report: SetReport): void;
}

export interface SetRule {
  meta: RuleMeta;
  messages: Record<string, string>;
  check(context: SetRuleContext): void;
}
