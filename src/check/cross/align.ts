/**
 * Aligning code blocks across locales by global sequence alignment (Needleman–Wunsch), so one
 * missing or extra block in a translation does not shift every pair after it.
 *
 * Two blocks pair well when they sit under the same heading anchor, share a language and share
 * tokens; translated comments and prose never enter the score because only code is compared.
 */
import type { CodeStep, Guide } from '../../core/model.ts';
import { alignmentTokens } from './tokens.ts';

export interface PlacedBlock {
  block: CodeStep;
  /** Index in the guide's reading order (codeBlocks order). */
  index: number;
  /** Anchor of the section the block sits in. */
  anchor: string | null;
  /** Shared by every block of the same text. */
  tokens: ReadonlySet<string>;
}

export function placedBlocks(guide: Guide): PlacedBlock[] {
  const placed: PlacedBlock[] = [];
  let index = 0;
  const visit = (steps: Guide['sections'][number]['steps'], anchor: string | null): void => {
    for (const step of steps) {
      if (step.kind === 'code') placed.push({ block: step, index: index++, anchor, tokens: alignmentTokens(step.text) });
      else if (step.kind === 'list') for (const item of step.items) visit(item, anchor);
      else if (step.kind === 'aside') visit(step.steps, anchor);
    }
  };
  for (const section of guide.sections) visit(section.steps, section.anchor);
  return placed;
}

function similarity(a: PlacedBlock, b: PlacedBlock): number {
  if (a.block.language !== b.block.language) return -3;
  const sameRole = a.block.role === b.block.role ? 0.5 : -0.5;
  const sameAnchor = a.anchor !== null && a.anchor === b.anchor ? 1 : a.anchor === b.anchor ? 0 : -1;
  return 4 * dice(a.tokens, b.tokens) - 1.5 + sameAnchor + sameRole;
}

/** Dice coefficient of two token sets; blocks of the same text share one set, which makes that case free. */
function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size + b.size === 0) return 1;
  let shared = 0;
  if (a === b) shared = a.size;
  else {
    const [small, large] = a.size < b.size ? [a, b] : [b, a];
    for (const token of small) if (large.has(token)) shared++;
  }
  return (2 * shared) / (a.size + b.size);
}

const GAP = -1;

/** Pairs of indexes into `a` and `b`; null marks a gap (a block with no counterpart). */
export function alignBlocks(a: PlacedBlock[], b: PlacedBlock[]): Array<[number | null, number | null]> {
  const n = a.length;
  const m = b.length;
  const score = new Float64Array((n + 1) * (m + 1));
  const width = m + 1;
  for (let i = 1; i <= n; i++) score[i * width] = i * GAP;
  for (let j = 1; j <= m; j++) score[j] = j * GAP;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const diagonal = score[(i - 1) * width + j - 1]! + similarity(a[i - 1]!, b[j - 1]!);
      const up = score[(i - 1) * width + j]! + GAP;
      const left = score[i * width + j - 1]! + GAP;
      score[i * width + j] = Math.max(diagonal, up, left);
    }
  }
  const pairs: Array<[number | null, number | null]> = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && score[i * width + j] === score[(i - 1) * width + j - 1]! + similarity(a[i - 1]!, b[j - 1]!)) {
      pairs.push([i - 1, j - 1]);
      i--;
      j--;
    } else if (i > 0 && score[i * width + j] === score[(i - 1) * width + j]! + GAP) {
      pairs.push([i - 1, null]);
      i--;
    } else {
      pairs.push([null, j - 1]);
      j--;
    }
  }
  return pairs.reverse();
}

/**
 * Columns of aligned blocks across locales, built against a pivot locale: each column maps a
 * locale to its block. Blocks a locale has and the pivot lacks get columns of their own.
 */
export function alignLocales(pivot: string, blocksByLocale: Map<string, PlacedBlock[]>): Array<Map<string, PlacedBlock>> {
  const pivotBlocks = blocksByLocale.get(pivot) ?? [];
  const columns: Array<Map<string, PlacedBlock>> = pivotBlocks.map((block) => new Map([[pivot, block]]));
  const extras: Array<{ after: number; column: Map<string, PlacedBlock> }> = [];
  for (const [locale, blocks] of blocksByLocale) {
    if (locale === pivot) continue;
    let lastPivot = -1;
    for (const [p, q] of alignBlocks(pivotBlocks, blocks)) {
      if (p !== null) lastPivot = p;
      if (q === null) continue;
      if (p !== null) columns[p]!.set(locale, blocks[q]!);
      else extras.push({ after: lastPivot, column: new Map([[locale, blocks[q]!]]) });
    }
  }
  const result: Array<Map<string, PlacedBlock>> = [];
  for (let p = -1; p < columns.length; p++) {
    if (p >= 0) result.push(columns[p]!);
    for (const extra of extras) if (extra.after === p) result.push(extra.column);
  }
  return result;
}
