/** Finding where in a translated block (and so in the translator's file) a differing value sits. */
import type { CodeStep, Point } from '../../core/model.ts';
import { pointAtOffset } from '../../core/positions.ts';

/** Point of the first occurrence of `value` (a shown value in backticks or plain) in the block. */
export function locateInBlock(block: CodeStep, value: string | undefined): Point {
  const plain = value?.replace(/^`|`$/g, '').replace(/…$/, '');
  if (plain) {
    const offset = block.text.indexOf(plain);
    if (offset !== -1) return pointAtOffset(block, offset);
    const key = /^key `(.+)`$/.exec(value ?? '')?.[1];
    if (key) {
      const keyOffset = block.text.search(new RegExp(`(^|\\s)${escapeRegExp(key)}:`, 'm'));
      if (keyOffset !== -1) return pointAtOffset(block, keyOffset + (/\s/.test(block.text[keyOffset] ?? '') ? 1 : 0));
    }
  }
  return block.lines[0] ?? block.position?.start ?? { line: 1, column: 1 };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
