/**
 * Shared by the code rules: turning the adapter's problems of some kinds into reports, and whether
 * a rule applies to a block (the engine filters by `meta.languages` and `meta.roles` too; rules
 * check again so that they are safe to call directly).
 */
import type { CodeLanguage, CodeRole, CodeStep } from '../../../core/model.ts';
import { pointInCode } from '../../../core/positions.ts';
import type { BlockRule, BlockRuleContext, CodeProblem } from '../../types.ts';

/** Roles whose code is parsed: everything but output. */
export const PARSED_ROLES: CodeRole[] = ['command', 'file', 'snippet'];

export function applies(meta: BlockRule['meta'], block: Pick<CodeStep, 'language' | 'role'>): boolean {
  if (block.role === 'output') return false;
  if (meta.languages && !meta.languages.includes(block.language)) return false;
  if (meta.roles && !meta.roles.includes(block.role)) return false;
  return true;
}

/** The adapter's problems of the given kinds, in order. */
export function problemsOf(context: BlockRuleContext, kinds: readonly string[]): CodeProblem[] {
  return context.analysis.problems.filter((problem) => kinds.includes(problem.kind));
}

/**
 * Reports each problem of the given kinds with the messageId mapped from its kind
 * (`found`/`expected` become the message's data).
 */
export function reportProblems(rule: Pick<BlockRule, 'meta'>, context: BlockRuleContext, messageIds: Record<string, string>): void {
  if (!applies(rule.meta, context.block)) return;
  // Adapters speak of "line N" inside the block; the translator reads the file's line numbers.
  const rebase = (text: string): string => text.replace(/\bline (\d+)/g, (_, n: string) => `line ${pointInCode(context.block, Number(n), 1).line}`);
  for (const problem of problemsOf(context, Object.keys(messageIds))) {
    context.report({
      messageId: messageIds[problem.kind]!,
      data: { found: rebase(problem.found), expected: rebase(problem.expected) },
      line: problem.line,
      column: problem.column,
      ...(problem.severity ? { severity: problem.severity } : {}),
    });
  }
}

export function languages(...list: CodeLanguage[]): CodeLanguage[] {
  return list;
}
