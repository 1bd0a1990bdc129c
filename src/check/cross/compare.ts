/**
 * Comparing two code blocks by what they mean in their language (the adapters' `meaning`: YAML
 * data trees, shell words, a Python syntax tree, output lines), not by their characters.
 */
import type { Analysis } from '../types.ts';
import { codeInMessage } from '../../core/code-in-message.ts';

export type Difference =
  /** Same meaning, same text (up to trailing whitespace). */
  | { kind: 'same' }
  /** Same meaning, different text: indentation of a sequence, quoting style, spacing. */
  | { kind: 'cosmetic' }
  /** Same shape; only values that differ in digits (a version tag, a port). */
  | { kind: 'values'; expected: string; actual: string }
  /** Different meaning. */
  | { kind: 'structure'; expected: string; actual: string }
  /** The translation does not parse where the reference does. */
  | { kind: 'invalid' }
  /** Neither parses; only their texts can be compared. */
  | { kind: 'both-invalid'; sameText: boolean };

export function compareBlocks(reference: { text: string; analysis: Analysis }, translation: { text: string; analysis: Analysis }): Difference {
  const a = reference.analysis.meaning;
  const b = translation.analysis.meaning;
  if (b === null || b === undefined) {
    if (a === null || a === undefined) return { kind: 'both-invalid', sameText: sameText(reference.text, translation.text) };
    return { kind: 'invalid' };
  }
  if (a === null || a === undefined) return { kind: 'structure', expected: '(a block that does not parse)', actual: '(a valid block)' };
  // One block read as code, the other not (printed output, shell lines): their lines are shown,
  // not a syntax tree beside a list of lines.
  if (reference.analysis.tokens !== translation.analysis.tokens) {
    const lines = firstDifference(reference.text.trimEnd().split('\n'), translation.text.trimEnd().split('\n'));
    return { kind: 'structure', expected: lines?.expected ?? 'other code', actual: lines?.actual ?? 'the same lines read otherwise' };
  }
  const bothTokens = reference.analysis.tokens === true && translation.analysis.tokens === true && typeof a === 'string' && typeof b === 'string';
  // Most translations keep the code: equal meanings need no walk (nor the split of two long token lists).
  const first = a === b ? null : bothTokens ? firstTokenDifference(a, b) : firstDifference(a, b);
  if (!first) return sameText(reference.text, translation.text) ? { kind: 'same' } : { kind: 'cosmetic' };
  if (first.valueOnly) return { kind: 'values', expected: first.expected, actual: first.actual };
  return { kind: 'structure', expected: first.expected, actual: first.actual };
}

/** Equal up to trailing whitespace; most translated blocks are verbatim copies, which need no normalizing. */
function sameText(a: string, b: string): boolean {
  return a === b || normalizeText(a) === normalizeText(b);
}

function normalizeText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

interface FirstDifference {
  expected: string;
  actual: string;
  /** True when every difference is a leaf value that differs only in its digits. */
  valueOnly: boolean;
}

/** Walk two meanings in parallel; report the first difference and whether all differences are values. */
export function firstDifference(a: unknown, b: unknown): FirstDifference | null {
  const { note, result } = differenceRecorder();
  const walk = (x: unknown, y: unknown): void => {
    if (x === y) return;
    if (isLeaf(x) && isLeaf(y)) {
      if (typeof x === 'string' && typeof y === 'string' && isWordList(x, y)) {
        walkWords(x, y, note);
        return;
      }
      note(show(x), show(y), differsOnlyInDigits(x, y));
      return;
    }
    if (Array.isArray(x) && Array.isArray(y)) {
      const length = Math.max(x.length, y.length);
      for (let i = 0; i < length; i++) {
        if (i >= x.length) note('nothing more', show(y[i]), false);
        else if (i >= y.length) note(show(x[i]), 'nothing', false);
        else walk(x[i], y[i]);
      }
      return;
    }
    if (isRecord(x) && isRecord(y)) {
      for (const key of Object.keys(x)) {
        if (!Object.hasOwn(y, key)) note(`key \`${key}\``, () => keyNear(Object.keys(y), Object.keys(x)), false);
        else walk(x[key], y[key]);
      }
      for (const key of Object.keys(y)) if (!Object.hasOwn(x, key)) note(() => keyNear(Object.keys(x), Object.keys(y), key), `key \`${key}\``, false);
      return;
    }
    note(show(x), show(y), false);
  };
  walk(a, b);
  return result();
}

/**
 * Collects the differences a walk notes: only the first is described, its texts computed then (a
 * lazy text is a function), not for each of thousands of differences after it; all of them say
 * whether every difference is a value.
 */
function differenceRecorder(): { note: Note; result(): FirstDifference | null } {
  let first: FirstDifference | null = null;
  let valueOnly = true;
  return {
    note(expected, actual, isValue) {
      if (!isValue) valueOnly = false;
      first ??= { expected: typeof expected === 'string' ? expected : expected(), actual: typeof actual === 'string' ? actual : actual(), valueOnly: true };
    },
    result: () => (first ? { ...first, valueOnly } : null),
  };
}

/** Long values (a command line, a paragraph of output) are compared word by word. */
function isWordList(x: string, y: string): boolean {
  return x.length > 80 || y.length > 80 ? x.includes(' ') && y.includes(' ') : false;
}

type Note = (expected: string | (() => string), actual: string | (() => string), isValue: boolean) => void;

function walkWords(x: string, y: string, note: Note, separator = ' ', text: (word: string) => string = (word) => word): void {
  const xs = x.split(separator);
  const ys = y.split(separator);
  const length = Math.max(xs.length, ys.length);
  for (let i = 0; i < length; i++) {
    if (xs[i] === ys[i]) continue;
    if (xs[i] === undefined || ys[i] === undefined) {
      note(xs[i] === undefined ? 'nothing more' : show(text(xs[i]!)), ys[i] === undefined ? 'nothing' : show(text(ys[i]!)), false);
      return;
    }
    const expected = text(xs[i]!);
    const actual = text(ys[i]!);
    note(show(expected), show(actual), differsOnlyInDigits(expected, actual));
  }
}

/**
 * Token meanings (see Analysis.tokens), token by token; a difference shows the tokens' texts
 * (`collection_name`, not the parser's `VariableName:"collection_name"`), which are also what the
 * finding is placed on in the block.
 */
function firstTokenDifference(a: string, b: string): FirstDifference | null {
  const { note, result } = differenceRecorder();
  walkWords(a, b, note, '\n', tokenText);
  return result();
}

/** `VariableName:"host"` → `host`; a node name alone (`ArgList(`, `)`, a keyword) as it is. */
function tokenText(token: string): string {
  const colon = token.indexOf(':"');
  if (colon === -1) return token;
  try {
    const text: unknown = JSON.parse(token.slice(colon + 1));
    return typeof text === 'string' ? text : token;
  } catch {
    return token;
  }
}

function keyNear(keys: string[], others: string[], wanted?: string): string {
  const known = new Set(others);
  const unmatched = keys.filter((key) => !known.has(key));
  if (wanted) return unmatched.length > 0 ? `key \`${unmatched[0]}\`` : `no key \`${wanted}\``;
  return unmatched.length > 0 ? `key \`${unmatched[0]}\`` : 'no such key';
}

function isLeaf(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `v2.4.1` vs `v2.4.5`, `19530` vs `19531`: same shape, other digits. */
export function differsOnlyInDigits(x: unknown, y: unknown): boolean {
  if (typeof x === 'number' && typeof y === 'number') return true;
  const sx = String(x);
  const sy = String(y);
  if (!/\d/.test(sx) || !/\d/.test(sy)) return false;
  return sx.replace(/\d+/g, '0') === sy.replace(/\d+/g, '0');
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const short = text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return codeInMessage(short);
}
