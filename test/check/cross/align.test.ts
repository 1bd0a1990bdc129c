/**
 * Block alignment across locales: global sequence alignment, so one missing block does not shift
 * every pair after it; past MAX_ALIGNMENT_CELLS (a hostile page of 24,000 blocks asked for 14 GB
 * of tables), section by section, and in reading order only where one stretch is still too large.
 */
import { describe, expect, it } from 'vitest';
import type { CodeStep } from '../../../src/core/model.ts';
import { alignBlocks, alignLocales, MAX_ALIGNMENT_CELLS, pairInOrder, type PlacedBlock } from '../../../src/check/cross/align.ts';
import { alignmentTokens } from '../../../src/check/cross/tokens.ts';

function placed(texts: string[], anchorOf: (index: number) => string | null = () => 'install'): PlacedBlock[] {
  return texts.map((text, index) => ({
    block: { kind: 'code', lang: 'bash', language: 'shell', role: 'command', fileName: null, fileNameSource: null, text, lines: [], segments: [], meta: null, position: null } satisfies CodeStep,
    index,
    anchor: anchorOf(index),
    tokens: alignmentTokens(text),
  }));
}

describe('alignBlocks', () => {
  it('pairs around a block the translation lacks', () => {
    const reference = placed(['helm repo add milvus https://charts', 'helm repo update', 'helm install demo milvus/milvus', 'kubectl get pods']);
    const translation = placed(['helm repo add milvus https://charts', 'helm install demo milvus/milvus', 'kubectl get pods']);
    expect(alignBlocks(reference, translation)).toEqual([
      [0, 0],
      [1, null],
      [2, 1],
      [3, 2],
    ]);
  });

  it('past the limit, aligns section by section, so a missing block still shifts nothing (paired in order, every later pair drifted)', () => {
    const sections = Math.ceil(Math.sqrt(MAX_ALIGNMENT_CELLS)) + 10;
    const texts = Array.from({ length: sections }, (_, index) => `kubectl get pods -n ns${index}`);
    const reference = placed(texts, (index) => `s${index}`);
    // The translation lacks the block of section 3 and has one of its own, with no anchor, after section 9.
    const kept = texts.map((text, index) => ({ text, anchor: `s${index}` })).filter((_, index) => index !== 3);
    kept.splice(9, 0, { text: 'echo extra', anchor: null as unknown as string });
    const translation = placed(kept.map((entry) => entry.text), (index) => kept[index]!.anchor);
    const pairs = alignBlocks(reference, translation);
    expect(pairs.slice(0, 12)).toEqual([[0, 0], [1, 1], [2, 2], [3, null], [4, 3], [5, 4], [6, 5], [7, 6], [8, 7], [9, 8], [null, 9], [10, 10]]);
    expect(pairs.at(-1)).toEqual([sections - 1, sections - 1]);
    expect(pairs.filter(([r, t]) => r !== null && t !== null && reference[r]!.block.text !== translation[t]!.block.text)).toEqual([]);
  });

  it('pairs a stretch in reading order when it alone would pass the limit', () => {
    const side = Math.ceil(Math.sqrt(MAX_ALIGNMENT_CELLS)) + 1;
    const reference = placed(Array.from({ length: side }, (_, index) => `echo ${index}`));
    const translation = placed(Array.from({ length: side - 1 }, (_, index) => `echo ${index + 1}`));
    const pairs = alignBlocks(reference, translation);
    expect(pairs).toEqual(pairInOrder(side, side - 1));
    expect(pairs.at(-1)).toEqual([side - 1, null]);
  });
});

describe('alignLocales', () => {
  const textsOf = (columns: Array<Map<string, PlacedBlock>>): Array<Record<string, string>> => columns.map((column) => Object.fromEntries([...column].map(([locale, block]) => [locale, block.block.text])));

  it('gives blocks the pivot lacks columns of their own, where they stand, in locale order', () => {
    const en = placed(['helm repo update', 'kubectl get pods']);
    const de = placed(['echo vorher', 'helm repo update', 'echo dazwischen', 'kubectl get pods', 'echo danach']);
    const ru = placed(['helm repo update', 'echo между', 'kubectl get pods']);
    const columns = alignLocales('en', new Map([['en', en], ['de', de], ['ru', ru]]));
    expect(textsOf(columns)).toEqual([
      { de: 'echo vorher' },
      { en: 'helm repo update', de: 'helm repo update', ru: 'helm repo update' },
      { de: 'echo dazwischen' },
      { ru: 'echo между' },
      { en: 'kubectl get pods', de: 'kubectl get pods', ru: 'kubectl get pods' },
      { de: 'echo danach' },
    ]);
  });
});
