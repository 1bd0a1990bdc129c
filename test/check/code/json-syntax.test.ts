import { describe, expect, it } from 'vitest';
import { parseLenientJson } from '../../../src/check/languages/json.ts';
import rule from '../../../src/check/rules/code/json-syntax.ts';
import { ruleTester } from './rule-tester.ts';

ruleTester(rule, {
  valid: [
    { name: 'an object', code: '{\n  "collectionName": "demo",\n  "dimension": 5\n}', lang: 'json' },
    { name: 'JSON Lines (en integrate_with_spark.md)', code: '{"book_id": 101, "word_count": 13, "book_intro": [1.1, 1.2]}\n{"book_id": 102, "word_count": 25, "book_intro": [2.1, 2.2]}', lang: 'json' },
    { name: 'output is never parsed', code: '{ id: 1, broken', lang: 'json', role: 'output' },
  ],
  invalid: [
    {
      name: 'a missing comma',
      code: '{\n  "collectionName": "demo"\n  "dimension": 5\n}',
      lang: 'json',
      errors: [{ messageId: 'syntax', line: 3, column: 3, message: 'Unexpected `"`, expected `,` or `}`' }],
    },
    {
      name: 'a string that never closes',
      code: '{"collectionName": "demo}',
      lang: 'json',
      errors: [{ messageId: 'syntax', line: 1, column: 26, message: 'expected a closing `"`' }],
    },
    {
      name: 'typographic quotes',
      code: '{“collectionName”: “demo”}',
      lang: 'json',
      errors: [{ messageId: 'syntax', line: 1, column: 2, message: 'Unexpected typographic quote `“`' }],
    },
    {
      name: 'a JavaScript object literal (en array_data_type.md): a warning',
      code: "{\n    id: 0,\n    color: 'orange',\n    color_coord: [ 3, 0, 18, 29 ]\n}",
      lang: 'json',
      errors: [{ messageId: 'lenient', line: 2, column: 5, severity: 'warning', message: 'Unexpected `id`, which JSON does not allow' }],
    },
    {
      name: 'a trailing comma: a warning',
      code: '{"a": 1, "b": 2,}',
      lang: 'json',
      errors: [{ messageId: 'lenient', line: 1, column: 17, severity: 'warning' }],
    },
  ],
});

describe('lenient JSON values', () => {
  it('keeps `__proto__` as a key, without replacing the prototype', () => {
    const parsed = parseLenientJson("{'__proto__': {polluted: 1}, a: 1}");
    const value = parsed!.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
    expect((value as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
