/**
 * cross/yaml-indentation: where a translated YAML block stops meaning what the reference means
 * because a line moved left or right, point at the first such line.
 */
import { pointInCode } from '../../../core/positions.ts';
import { firstIndentationMismatch } from '../../cross/yaml-indentation.ts';
import { againstReference } from '../../cross/plan.ts';
import type { SetRule } from './rule.ts';

const rule: SetRule = {
  meta: { id: 'cross/yaml-indentation', description: 'YAML keeps the reference structure', severity: 'error' },
  messages: {
    indentation: 'Unexpected indentation of {{actual}} before `{{content}}`, expected {{expected}} as in the {{locale}} reference',
  },
  check(context) {
    for (const { reference, entry } of againstReference(context.plan)) {
      if (reference.placed.block.language !== 'yaml') continue;
      const kind = entry.difference?.kind;
      if (kind !== 'invalid' && kind !== 'structure') continue;
      const mismatch = firstIndentationMismatch(reference.placed.block.text, entry.placed.block.text);
      if (!mismatch) continue;
      const spaces = (n: number): string => (n === 1 ? '1 space' : `${n} spaces`);
      context.report({
        messageId: 'indentation',
        data: { actual: spaces(mismatch.actual), expected: spaces(mismatch.expected), content: mismatch.content, locale: reference.locale },
        locale: entry.locale,
        at: pointInCode(entry.placed.block, mismatch.line, 1),
        reference: { locale: reference.locale, at: pointInCode(reference.placed.block, mismatch.referenceLine, 1) },
        expected: reference.placed.block.text,
        actual: entry.placed.block.text,
      });
    }
  },
};

export default rule;
