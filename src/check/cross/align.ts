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

function similarity(a: PlacedBlock, b: PlacedBlock, dice: number): number {
  if (a.block.language !== b.block.language) return -3;
  const sameRole = a.block.role === b.block.role ? 0.5 : -0.5;
  const sameAnchor = a.anchor !== null && a.anchor === b.anchor ? 1 : a.anchor === b.anchor ? 0 : -1;
  return 4 * dice - 1.5 + sameAnchor + sameRole;
}

/** The Dice coefficients of one token set with each block of `a`, in `a`'s order. */
export type DiceRow = (tokens: ReadonlySet<string>) => Float64Array;

/**
 * Dice coefficients of token sets with every block of `a`, by an index from token to the blocks
 * that have it: a set's row costs one look-up per token instead of one per token and block. Rows
 * are remembered by set, since a block has mostly the same text (the same set) in every locale.
 */
function diceRows(a: PlacedBlock[]): DiceRow {
  const blocksWith = new Map<string, number[]>();
  a.forEach((placed, index) => {
    for (const token of placed.tokens) {
      const list = blocksWith.get(token);
      if (list) list.push(index);
      else blocksWith.set(token, [index]);
    }
  });
  const rows = new Map<ReadonlySet<string>, Float64Array>();
  return (tokens) => {
    let row = rows.get(tokens);
    if (row) return row;
    const shared = new Uint32Array(a.length);
    for (const token of tokens) {
      const list = blocksWith.get(token);
      if (list) for (const index of list) shared[index] = shared[index]! + 1;
    }
    row = new Float64Array(a.length);
    for (let index = 0; index < a.length; index++) {
      const total = a[index]!.tokens.size + tokens.size;
      row[index] = total === 0 ? 1 : (2 * shared[index]!) / total;
    }
    rows.set(tokens, row);
    return row;
  };
}

const GAP = -1;

/**
 * Cells of the alignment tables (two of 8 bytes each, and Dice rows as many): 4 million is about
 * 100 MB; a real guide needs a few thousand (a hundred blocks against a hundred). Past it (a page
 * of 24,000 blocks asked for 14 GB) blocks are paired in order.
 */
export const MAX_ALIGNMENT_CELLS = 4_000_000;

/** Pairs in reading order, the longer side's tail against gaps: the alignment of last resort. */
export function pairInOrder(n: number, m: number): Array<[number | null, number | null]> {
  const pairs: Array<[number | null, number | null]> = [];
  for (let index = 0; index < Math.max(n, m); index++) pairs.push([index < n ? index : null, index < m ? index : null]);
  return pairs;
}

/**
 * Pairs of indexes into `a` and `b`; null marks a gap (a block with no counterpart). Past
 * MAX_ALIGNMENT_CELLS the blocks are aligned section by section (alignBySections). `diceWithA`
 * gives a shared token index of `a`, asked for only when the blocks are aligned whole.
 */
export function alignBlocks(a: PlacedBlock[], b: PlacedBlock[], diceWithA?: () => DiceRow): Array<[number | null, number | null]> {
  if (a.length * b.length > MAX_ALIGNMENT_CELLS) return alignBySections(a, b);
  return needlemanWunsch(a, b, diceWithA?.() ?? diceRows(a));
}

/**
 * A page too large to align whole (thousands of blocks) is aligned section by section: sections
 * pair by anchor, in the longest run of anchors both sides have in the same order; the blocks of
 * each pair of sections, and those between paired sections, are aligned as usual, and only a
 * stretch that is itself past the limit is paired in reading order.
 */
function alignBySections(a: PlacedBlock[], b: PlacedBlock[]): Array<[number | null, number | null]> {
  const sectionsOfA = sectionRuns(a);
  const sectionsOfB = sectionRuns(b);
  const indexInB = new Map<string, number>();
  sectionsOfB.forEach((run, index) => {
    if (run.key !== null) indexInB.set(run.key, index);
  });
  const candidates: Array<[number, number]> = [];
  sectionsOfA.forEach((run, index) => {
    const other = run.key === null ? undefined : indexInB.get(run.key);
    if (other !== undefined) candidates.push([index, other]);
  });
  const pairs: Array<[number | null, number | null]> = [];
  const alignStretch = (fromA: number, toA: number, fromB: number, toB: number): void => {
    const sliceA = a.slice(fromA, toA);
    const sliceB = b.slice(fromB, toB);
    const stretch = sliceA.length * sliceB.length > MAX_ALIGNMENT_CELLS ? pairInOrder(sliceA.length, sliceB.length) : needlemanWunsch(sliceA, sliceB, diceRows(sliceA));
    for (const [i, j] of stretch) pairs.push([i === null ? null : fromA + i, j === null ? null : fromB + j]);
  };
  let nextA = 0;
  let nextB = 0;
  for (const [runA, runB] of longestIncreasing(candidates)) {
    const sectionA = sectionsOfA[runA]!;
    const sectionB = sectionsOfB[runB]!;
    alignStretch(nextA, sectionA.start, nextB, sectionB.start);
    alignStretch(sectionA.start, sectionA.end, sectionB.start, sectionB.end);
    nextA = sectionA.end;
    nextB = sectionB.end;
  }
  alignStretch(nextA, a.length, nextB, b.length);
  return pairs;
}

/**
 * Runs of consecutive blocks under one anchor, keyed by the anchor and how many runs of it came
 * before (a page may repeat an id); blocks with no anchor have no key.
 */
function sectionRuns(blocks: PlacedBlock[]): Array<{ key: string | null; start: number; end: number }> {
  const runs: Array<{ key: string | null; start: number; end: number }> = [];
  const seen = new Map<string, number>();
  for (let index = 0; index < blocks.length; index++) {
    const anchor = blocks[index]!.anchor;
    const last = runs.at(-1);
    if (last && index > 0 && blocks[index - 1]!.anchor === anchor) {
      last.end = index + 1;
      continue;
    }
    let key: string | null = null;
    if (anchor !== null) {
      const count = seen.get(anchor) ?? 0;
      seen.set(anchor, count + 1);
      key = `${count}\0${anchor}`;
    }
    runs.push({ key, start: index, end: index + 1 });
  }
  return runs;
}

/** The longest chain of pairs increasing on both sides (`pairs` increase on the first), in O(k log k). */
function longestIncreasing(pairs: Array<[number, number]>): Array<[number, number]> {
  /** tails[length - 1]: index in `pairs` of the smallest second value ending a chain of that length. */
  const tails: number[] = [];
  const previous = new Int32Array(pairs.length).fill(-1);
  for (let index = 0; index < pairs.length; index++) {
    const value = pairs[index]![1];
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (pairs[tails[middle]!]![1] < value) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[index] = tails[low - 1]!;
    tails[low] = index;
  }
  const chain: Array<[number, number]> = [];
  for (let index = tails.at(-1) ?? -1; index !== -1; index = previous[index]!) chain.push(pairs[index]!);
  return chain.reverse();
}

function needlemanWunsch(a: PlacedBlock[], b: PlacedBlock[], diceWithA: DiceRow): Array<[number | null, number | null]> {
  const n = a.length;
  const m = b.length;
  // Similarities are computed once: the traceback reuses them.
  const pair = new Float64Array(n * m);
  for (let j = 0; j < m; j++) {
    const dice = diceWithA(b[j]!.tokens);
    for (let i = 0; i < n; i++) pair[i * m + j] = similarity(a[i]!, b[j]!, dice[i]!);
  }
  const score = new Float64Array((n + 1) * (m + 1));
  const width = m + 1;
  for (let i = 1; i <= n; i++) score[i * width] = i * GAP;
  for (let j = 1; j <= m; j++) score[j] = j * GAP;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const diagonal = score[(i - 1) * width + j - 1]! + pair[(i - 1) * m + j - 1]!;
      const up = score[(i - 1) * width + j]! + GAP;
      const left = score[i * width + j - 1]! + GAP;
      score[i * width + j] = Math.max(diagonal, up, left);
    }
  }
  const pairs: Array<[number | null, number | null]> = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && score[i * width + j] === score[(i - 1) * width + j - 1]! + pair[(i - 1) * m + j - 1]!) {
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
  /** Columns of blocks the pivot lacks, by the pivot block they follow (-1: before the first). */
  const extrasAfter = new Map<number, Array<Map<string, PlacedBlock>>>();
  // Built on first use and shared by the locales aligned whole; a page past the alignment limit goes section by section without it.
  let pivotDice: DiceRow | undefined;
  const diceWithPivot = (): DiceRow => (pivotDice ??= diceRows(pivotBlocks));
  for (const [locale, blocks] of blocksByLocale) {
    if (locale === pivot) continue;
    let lastPivot = -1;
    for (const [p, q] of alignBlocks(pivotBlocks, blocks, diceWithPivot)) {
      if (p !== null) lastPivot = p;
      if (q === null) continue;
      if (p !== null) columns[p]!.set(locale, blocks[q]!);
      else {
        const after = extrasAfter.get(lastPivot);
        const column = new Map([[locale, blocks[q]!]]);
        if (after) after.push(column);
        else extrasAfter.set(lastPivot, [column]);
      }
    }
  }
  const result: Array<Map<string, PlacedBlock>> = [...(extrasAfter.get(-1) ?? [])];
  for (let p = 0; p < columns.length; p++) result.push(columns[p]!, ...(extrasAfter.get(p) ?? []));
  return result;
}
