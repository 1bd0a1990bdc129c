/**
 * code/hidden-character: what a reader copies must be what the page shows. A bidi control
 * (U+202E and its kin) makes code read in another order than it runs (Trojan Source): an error.
 * A zero-width space, word joiner, byte order mark or control character is invisible but copied
 * with the code, and changes the word it sits in (`standalone.bat start` + U+200B passes
 * `start​`, which the script does not know): a warning. Told once per block, at the first one,
 * with how many the block holds. Output blocks are not copied to be run and are left alone
 * (program logs hold colour escapes).
 */
import type { BlockRule } from '../../types.ts';
import { pointOfOffset, textLineStarts } from '../../../core/text-lines.ts';

/** Bidi marks, embeddings, overrides and isolates. */
const BIDI_CHARACTERS = '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
/** C0 controls but tab and line feed, DEL, C1 controls, zero-width characters, the word joiner and the byte order mark. */
const INVISIBLE_CHARACTERS = '\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F\\u200B-\\u200D\\u2060\\uFEFF';
const BIDI = new RegExp(`[${BIDI_CHARACTERS}]`);
const INVISIBLE = new RegExp(`[${INVISIBLE_CHARACTERS}]`);
const HIDDEN = new RegExp(`[${BIDI_CHARACTERS}${INVISIBLE_CHARACTERS}]`, 'g');

const NAMES: Record<number, string> = {
  0x061c: 'ARABIC LETTER MARK',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
  0x1b: 'ESCAPE',
};

function describe(char: string): string {
  const code = char.charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `${hex} ${NAMES[code] ?? 'control character'}`;
}

const rule: BlockRule = {
  meta: { id: 'code/hidden-character', description: 'code holds no bidi controls, zero-width or control characters', severity: 'warning', roles: ['command', 'file', 'snippet'] },
  messages: {
    bidi: 'Unexpected {{character}} in code, expected none: the code reads in another order than it runs ({{count}} such in this block)',
    invisible: 'Unexpected invisible {{character}} in code, expected none: it is copied with the code and changes the word it sits in ({{count}} such in this block)',
  },
  check(context) {
    const text = context.block.text;
    const found = [...text.matchAll(HIDDEN)];
    if (found.length === 0) return;
    // A bidi control outranks invisible characters met before it: it is the one that deceives.
    const first = found.find((match) => BIDI.test(match[0])) ?? found[0]!;
    const { line, column } = pointOfOffset(textLineStarts(text), first.index!);
    const bidi = BIDI.test(first[0]);
    const count = found.filter((match) => (bidi ? BIDI.test(match[0]) : INVISIBLE.test(match[0]))).length;
    context.report({ messageId: bidi ? 'bidi' : 'invisible', data: { character: describe(first[0]), count: String(count) }, line, column, severity: bidi ? 'error' : 'warning' });
  },
};

export default rule;
