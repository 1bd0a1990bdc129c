/** cross/output-drift: expected output is program output; a translated one misleads the reader. */
import { locateInBlock } from '../../cross/locate.ts';
import { againstReference } from '../../cross/plan.ts';
import type { SetRule } from './rule.ts';

const rule: SetRule = {
  meta: { id: 'cross/output-drift', description: 'Expected output is not translated', severity: 'warning' },
  messages: {
    changed: 'Unexpected output {{actual}}, expected {{expected}} as in the {{locale}} reference',
  },
  check(context) {
    for (const { reference, entry } of againstReference(context.plan)) {
      const difference = entry.difference;
      if (entry.placed.block.role !== 'output' && reference.placed.block.role !== 'output') continue;
      if (!difference || (difference.kind !== 'structure' && difference.kind !== 'values')) continue;
      context.report({
        messageId: 'changed',
        data: { actual: difference.actual, expected: difference.expected, locale: reference.locale },
        locale: entry.locale,
        at: locateInBlock(entry.placed.block, difference.actual),
        reference: { locale: reference.locale, at: reference.placed.block.lines[0] ?? { line: 1, column: 1 } },
        expected: reference.placed.block.text,
        actual: entry.placed.block.text,
      });
    }
  },
};

export default rule;
