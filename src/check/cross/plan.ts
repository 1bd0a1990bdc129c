/**
 * Who is right when locales disagree: the source locale when the set has it, otherwise, block by
 * block, a strict majority of the locales that have the block. With no majority nobody is.
 */
import type { Analysis } from '../types.ts';
import { alignLocales, type PlacedBlock } from './align.ts';
import { compareBlocks, type Difference } from './compare.ts';

export interface ColumnEntry {
  locale: string;
  placed: PlacedBlock;
  analysis: Analysis;
  /** How this block compares with the column's reference (absent for the reference itself). */
  difference?: Difference;
}

export interface Column {
  entries: Map<string, ColumnEntry>;
  /** Locale whose block is taken as right, or null when the locales disagree with no majority. */
  reference: string | null;
  /** Locale groups that mean the same, largest first (filled when there is no reference). */
  groups: string[][];
}

export interface SetPlan {
  mode: 'source' | 'majority';
  /** The source locale in source mode. */
  source: string | null;
  columns: Column[];
}

export function planSet(
  blocksByLocale: Map<string, PlacedBlock[]>,
  analyses: Map<PlacedBlock['block'], Analysis>,
  sourceLocale: string | null,
): SetPlan {
  const locales = [...blocksByLocale.keys()].sort();
  const mode = sourceLocale !== null && blocksByLocale.has(sourceLocale) ? 'source' : 'majority';
  const pivot = mode === 'source' ? sourceLocale! : pivotLocale(blocksByLocale, locales);
  const aligned = locales.length > 1 ? alignLocales(pivot, blocksByLocale) : (blocksByLocale.get(pivot) ?? []).map((b) => new Map([[pivot, b]]));
  const columns = aligned.map((column): Column => {
    const entries = new Map<string, ColumnEntry>();
    for (const locale of locales) {
      const placed = column.get(locale);
      if (placed) entries.set(locale, { locale, placed, analysis: analyses.get(placed.block)! });
    }
    if (mode === 'source') return withReference(entries, entries.has(pivot) ? pivot : null);
    return byMajority(entries);
  });
  return { mode, source: mode === 'source' ? pivot : null, columns };
}

/** The locale with the most blocks aligns best with the others (fewest gaps); ties go alphabetical. */
function pivotLocale(blocksByLocale: Map<string, PlacedBlock[]>, locales: string[]): string {
  let best = locales[0]!;
  for (const locale of locales) if ((blocksByLocale.get(locale)?.length ?? 0) > (blocksByLocale.get(best)?.length ?? 0)) best = locale;
  return best;
}

function withReference(entries: Map<string, ColumnEntry>, reference: string | null): Column {
  if (reference !== null) {
    const ref = entries.get(reference)!;
    for (const entry of entries.values()) {
      if (entry.locale !== reference) entry.difference = compareBlocks({ text: ref.placed.block.text, analysis: ref.analysis }, { text: entry.placed.block.text, analysis: entry.analysis });
    }
  }
  return { entries, reference, groups: [] };
}

function byMajority(entries: Map<string, ColumnEntry>): Column {
  if (entries.size < 2) return { entries, reference: null, groups: [[...entries.keys()]] };
  const groups: ColumnEntry[][] = [];
  for (const entry of entries.values()) {
    const home = groups.find((group) => {
      const other = group[0]!;
      const difference = compareBlocks({ text: other.placed.block.text, analysis: other.analysis }, { text: entry.placed.block.text, analysis: entry.analysis });
      return difference.kind === 'same' || difference.kind === 'cosmetic' || (difference.kind === 'both-invalid' && difference.sameText);
    });
    if (home) home.push(entry);
    else groups.push([entry]);
  }
  groups.sort((a, b) => b.length - a.length);
  const largest = groups[0]!;
  const valid = largest[0]!.analysis.meaning !== null && largest[0]!.analysis.meaning !== undefined;
  if (largest.length * 2 > entries.size && valid) return withReference(entries, largest[0]!.locale);
  return { entries, reference: null, groups: groups.map((group) => group.map((entry) => entry.locale)) };
}

/** Every translated block with the reference block of its column (columns without one are skipped). */
export function* againstReference(plan: SetPlan): Generator<{ reference: ColumnEntry; entry: ColumnEntry }> {
  for (const column of plan.columns) {
    if (column.reference === null) continue;
    const reference = column.entries.get(column.reference)!;
    for (const entry of column.entries.values()) if (entry.locale !== reference.locale) yield { reference, entry };
  }
}
