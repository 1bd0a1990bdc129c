import { describe, expect, it } from 'vitest';
import { alignmentTokens, identifierTokens } from '../../../src/check/cross/tokens.ts';

/** Every ASCII character between two letters, and the tokens the Unicode definition gives for it. */
const ASCII_CASES = Array.from({ length: 128 }, (_, code) => `ab${String.fromCharCode(code)}cd`);

describe('code tokens', () => {
  it('split ASCII text exactly as the Unicode definition does (identifiers)', () => {
    for (const text of ASCII_CASES) {
      const expected = new Set(text.split(/[^\p{L}\p{N}_.-]+/u).filter((token) => token !== ''));
      for (const token of [...expected]) if (token.includes('.')) for (const part of token.split('.')) if (part) expected.add(part);
      expect([...identifierTokens(text)].sort(), JSON.stringify(text)).toEqual([...expected].sort());
    }
  });

  it('split ASCII text exactly as the Unicode definition does (alignment)', () => {
    for (const text of ASCII_CASES) {
      const expected = new Set(text.split(/[^\p{L}\p{N}_.:/-]+/u).filter((token) => token.length > 1));
      expect([...alignmentTokens(text)].sort(), JSON.stringify(text)).toEqual([...expected].sort());
    }
  });

  it.each([
    ['server_name: milvus-demo.milvus.io', ['server_name', 'milvus-demo.milvus.io', 'milvus-demo', 'milvus', 'io']],
    ['имя_сервера = "хост"', ['имя_сервера', 'хост']],
    ['ＡＰＩ２ name', ['ＡＰＩ２', 'name']],
    ['café=1', ['café', '1']],
  ])('reads the identifiers of %j', (text, tokens) => {
    expect([...identifierTokens(text)].sort()).toEqual([...tokens].sort());
  });

  it.each([
    ['kubectl get pods -n milvus', ['kubectl', 'get', 'pods', '-n', 'milvus']],
    ['curl http://localhost:19530/v1 — готово', ['curl', 'http://localhost:19530/v1', 'готово']],
  ])('reads the alignment tokens of %j', (text, tokens) => {
    expect([...alignmentTokens(text)].sort()).toEqual([...tokens].sort());
  });
});
