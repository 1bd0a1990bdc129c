/**
 * cross/missing-block and cross/extra-block: a code block the reference has and the translation
 * lacks (or the other way round). Reported where the block should be: after the translation's
 * previous aligned block, or at the section that holds it.
 */
import type { CodeStep, Guide, Point } from '../../../core/model.ts';
import { firstPlace } from '../../../core/walk.ts';
import type { Column } from '../../cross/plan.ts';
import type { SetRule } from './rule.ts';

export const missingBlock: SetRule = {
  meta: { id: 'cross/missing-block', description: 'No code block is lost in translation', severity: 'warning' },
  messages: {
    missing: 'Unexpected end of section without a {{language}} block, expected the block at {{locale}} line {{line}} (`{{preview}}`)',
  },
  check(context) {
    const { columns } = context.plan;
    columns.forEach((column, index) => {
      const owner = ownerOf(column, context.guides.size);
      if (!owner) return;
      const reference = column.entries.get(owner)!;
      for (const [locale, guide] of context.guides) {
        if (column.entries.has(locale)) continue;
        const at = placeFor(guide, locale, columns, index, reference.placed.anchor);
        const refAt = blockStart(reference.placed.block);
        context.report({
          messageId: 'missing',
          data: { language: reference.placed.block.language, locale: owner, line: refAt.line, preview: preview(reference.placed.block.text) },
          locale,
          at,
          reference: { locale: owner, at: refAt },
        });
      }
    });
  },
};

export const extraBlock: SetRule = {
  meta: { id: 'cross/extra-block', description: 'No code block is added in translation', severity: 'warning' },
  messages: {
    extra: 'Unexpected {{language}} block that the {{locale}} reference does not have, expected it to be removed or added to the reference',
  },
  check(context) {
    const { plan } = context;
    for (const column of plan.columns) {
      const present = column.entries.size;
      const referenceLocale = plan.mode === 'source' ? plan.source! : null;
      const isExtra = referenceLocale !== null ? !column.entries.has(referenceLocale) : present * 2 < context.guides.size;
      if (!isExtra) continue;
      for (const entry of column.entries.values()) {
        context.report({
          messageId: 'extra',
          data: { language: entry.placed.block.language, locale: referenceLocale ?? 'majority' },
          locale: entry.locale,
          at: blockStart(entry.placed.block),
        });
      }
    }
  },
};

/**
 * Where a block is pointed at: its first line, or for a block without text the fence (its first
 * line would be the closing fence's, or past the end of a file that ends in an open fence).
 */
function blockStart(block: CodeStep): Point {
  return (block.text === '' ? block.position?.start : block.lines[0]) ?? block.lines[0] ?? { line: 1, column: 1 };
}

/** The locale that speaks for a column: the source, or one of a strict majority that has the block. */
function ownerOf(column: Column, localeCount: number): string | null {
  if (column.reference !== null) return column.reference;
  if (column.entries.size * 2 > localeCount) return [...column.entries.keys()][0] ?? null;
  return null;
}

function placeFor(guide: Guide, locale: string, columns: Column[], index: number, anchor: string | null): Point {
  for (let i = index - 1; i >= 0; i--) {
    const previous = columns[i]!.entries.get(locale);
    if (previous) return previous.placed.block.position?.end ?? previous.placed.block.lines[0] ?? { line: 1, column: 1 };
  }
  // Without the block's section, where the page starts.
  const section = anchor === null ? undefined : guide.sections.find((s) => s.anchor === anchor && s.position);
  return section?.position!.start ?? firstPlace(guide);
}

function preview(text: string): string {
  const first = text.split('\n').find((line) => line.trim() !== '') ?? '';
  return first.length > 40 ? `${first.slice(0, 37)}…` : first;
}
