import { describe, expect, it } from 'vitest';
import { firstDifference } from '../../../src/check/cross/compare.ts';

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
