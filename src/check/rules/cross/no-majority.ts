/**
 * cross/no-majority: with no source locale, a block is judged by the majority of locales. When
 * they split with no majority, say so and name the groups rather than guess who is right.
 */
import type { SetRule } from './rule.ts';

const rule: SetRule = {
  meta: { id: 'cross/no-majority', description: 'Locales without a source agree on each block', severity: 'warning' },
  messages: {
    split: 'Unexpected disagreement between locales ({{groups}}), expected a majority to compare with; check this block against the source',
  },
  check(context) {
    for (const column of context.plan.columns) {
      if (column.reference !== null || column.groups.length < 2) continue;
      const groups = column.groups.map((group) => group.join(', ')).join(' vs ');
      for (const entry of column.entries.values()) {
        context.report({ messageId: 'split', data: { groups }, locale: entry.locale, at: entry.placed.block.lines[0] ?? { line: 1, column: 1 } });
      }
    }
  },
};

export default rule;
