import { describe, expect, it } from 'vitest';
import { compareBlocks, firstDifference } from '../../../src/check/cross/compare.ts';
import { pythonAdapter } from '../../../src/check/languages/python.ts';

describe('firstDifference', () => {
  const tokens = (...extra: string[]): string => [...Array.from({ length: 30 }, (_, index) => `token${index}`), ...extra].join(' ');

  it.each([
    ['a value emptied in the translation', ['a', 'get_all'], ['a', ''], 'Unexpected nothing, expected `get_all`'],
    ['a value that spans lines', 'x\ny', 'x', 'Unexpected `x`, expected `x↵y`'],
    ['a value holding a backtick', 'ingress', 'ingress`', 'Unexpected `` ingress` ``, expected `ingress`'],
    ['a token missing at the end of a long token list', tokens('end'), tokens(), 'Unexpected nothing, expected `end`'],
    ['a token added at the end of a long token list', tokens(), tokens('end'), 'Unexpected `end`, expected nothing more'],
  ])('%s', (_name, reference, translation, said) => {
    const difference = firstDifference(reference, translation)!;
    expect(`Unexpected ${difference.actual}, expected ${difference.expected}`).toBe(said);
  });
});

describe('compareBlocks on Python', () => {
  const block = (text: string) => ({ text, analysis: pythonAdapter.analyze(text) });

  it('shows the lines when one block is read as code and the other as printed output (found by fuzzing: a syntax tree was shown)', () => {
    const reference = block('results = client.search("demo", data=[query])\nprint(results)');
    const translation = block("Index: 1\nScore: 0.991162\nText: The Dartmouth Conference in 1956 is considered the birthplace of 'artificial intelligence'");
    expect(reference.analysis.skipped).toBeNull();
    expect(translation.analysis.skipped).not.toBeNull();
    expect(compareBlocks(reference, translation)).toEqual({ kind: 'structure', expected: '`results = client.search("demo", data=[query])`', actual: '`Index: 1`' });
  });

  it('shows the differing token of two programs as its text', () => {
    expect(compareBlocks(block('client.create_collection(collection_name="demo")'), block('client.create_collection(name="demo")'))).toEqual({ kind: 'structure', expected: '`collection_name`', actual: '`name`' });
  });
});
