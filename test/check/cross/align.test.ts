/**
 * Block alignment across locales: global sequence alignment, so one missing block does not shift
 * every pair after it; and, past MAX_ALIGNMENT_CELLS (a hostile page of 24,000 blocks asked for
 * 14 GB of tables), pairing in reading order instead.
 */
import { describe, expect, it } from 'vitest';
import type { CodeStep } from '../../../src/core/model.ts';
import { alignBlocks, MAX_ALIGNMENT_CELLS, pairInOrder, type PlacedBlock } from '../../../src/check/cross/align.ts';
import { alignmentTokens } from '../../../src/check/cross/tokens.ts';

function placed(texts: string[]): PlacedBlock[] {
  return texts.map((text, index) => ({
    block: { kind: 'code', lang: 'bash', language: 'shell', role: 'command', fileName: null, fileNameSource: null, text, lines: [], segments: [], meta: null, position: null } satisfies CodeStep,
    index,
    anchor: 'install',
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

  it('pairs in reading order when the tables would pass the limit', () => {
    const side = Math.ceil(Math.sqrt(MAX_ALIGNMENT_CELLS)) + 1;
    const reference = placed(Array.from({ length: side }, (_, index) => `echo ${index}`));
    const translation = placed(Array.from({ length: side - 1 }, (_, index) => `echo ${index + 1}`));
    const pairs = alignBlocks(reference, translation);
    expect(pairs).toEqual(pairInOrder(side, side - 1));
    expect(pairs.at(-1)).toEqual([side - 1, null]);
  });
});
