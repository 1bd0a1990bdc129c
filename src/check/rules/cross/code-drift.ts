/**
 * cross/code-drift: a translation's code must mean what the reference's means. A different
 * structure or identifier is an error; a value that differs only in digits (a version tag) a
 * warning; a formatting difference with the same meaning is cosmetic (info). Blocks compared as
 * plain text (no language, or a language without a parser here) differ at warning level, since
 * whether they still work cannot be told; unlabelled text that keeps every word and only lays
 * them out differently (a folder tree joined onto one line) is cosmetic.
 */
import { locateInBlock } from '../../cross/locate.ts';
import { firstIndentationMismatch } from '../../cross/yaml-indentation.ts';
import { againstReference } from '../../cross/plan.ts';
import { textMeaning } from '../../languages/text.ts';
import type { SetRule } from './rule.ts';

const rule: SetRule = {
  meta: { id: 'cross/code-drift', description: 'Code means the same in every locale', severity: 'error' },
  messages: {
    changed: 'Unexpected {{actual}}, expected {{expected}} as in the {{locale}} reference',
    value: 'Unexpected value {{actual}}, expected {{expected}} as in the {{locale}} reference',
    invalid: 'Unexpected code that does not parse, expected the same {{language}} as the {{locale}} reference',
    cosmetic: 'Unexpected formatting that differs from the {{locale}} reference, expected the same text (the meaning is the same)',
    layout: 'Unexpected {{actual}}, expected {{expected}} as in the {{locale}} reference (the same words, with line breaks or spacing changed)',
  },
  check(context) {
    for (const { reference, entry } of againstReference(context.plan)) {
      const difference = entry.difference;
      const block = entry.placed.block;
      // Nearly every aligned block means what its reference means: nothing to place or report.
      if (!difference || difference.kind === 'same' || block.role === 'output' || reference.placed.block.role === 'output') continue;
      const base = { locale: entry.locale, reference: { locale: reference.locale, at: reference.placed.block.lines[0] ?? { line: 1, column: 1 } } };
      const data = { locale: reference.locale, language: block.language };
      if (block.language === 'yaml' && (difference.kind === 'invalid' || difference.kind === 'structure') && firstIndentationMismatch(reference.placed.block.text, block.text)) continue;
      if (difference.kind === 'structure' && block.language === 'text' && sameWords(reference.placed.block.text, block.text)) {
        context.report({ ...base, messageId: 'layout', severity: 'info', data: { ...data, ...layoutChange(reference.placed.block.text, block.text) }, at: block.lines[0] ?? { line: 1, column: 1 }, expected: reference.placed.block.text, actual: block.text });
      } else if (difference.kind === 'structure') {
        // Plain text (no language, or one we do not parse) cannot be judged invalid: a warning.
        const severity = block.language === 'text' || block.language === 'other' ? 'warning' : 'error';
        context.report({ ...base, messageId: 'changed', severity, data: { ...data, actual: difference.actual, expected: difference.expected }, at: locateInBlock(block, difference.actual), expected: reference.placed.block.text, actual: block.text });
      } else if (difference.kind === 'values') {
        context.report({ ...base, messageId: 'value', severity: 'warning', data: { ...data, actual: difference.actual, expected: difference.expected }, at: locateInBlock(block, difference.actual), expected: reference.placed.block.text, actual: block.text });
      } else if (difference.kind === 'invalid' && !context.hasBlockError(entry.locale, entry.placed.index)) {
        context.report({ ...base, messageId: 'invalid', data, at: block.lines[0] ?? { line: 1, column: 1 }, expected: reference.placed.block.text, actual: block.text });
      } else if (difference.kind === 'cosmetic') {
        context.report({ ...base, messageId: 'cosmetic', severity: 'info', data, at: block.lines[0] ?? { line: 1, column: 1 } });
      }
    }
  },
};

export default rule;

function sameWords(a: string, b: string): boolean {
  const words = (text: string): string => text.trim().split(/\s+/).join(' ');
  return words(a) === words(b);
}

/** The lines as the text comparison sees them (textMeaning): how many, or the first that differs. */
function layoutChange(reference: string, translation: string): { expected: string; actual: string } {
  const expected = textMeaning(reference);
  const actual = textMeaning(translation);
  const count = (n: number): string => `${n} ${n === 1 ? 'line' : 'lines'}`;
  if (expected.length !== actual.length) return { expected: count(expected.length), actual: count(actual.length) };
  const index = expected.findIndex((line, i) => line !== actual[i]);
  return { expected: `\`${expected[index]}\``, actual: `\`${actual[index]}\`` };
}
