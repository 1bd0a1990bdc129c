import rule from '../../../src/check/rules/code/yaml-duplicate-key.ts';
import { ruleTester } from './rule-tester.ts';

ruleTester(rule, {
  valid: [
    { name: 'the same key in different mappings', code: 'metadata:\n  name: a\nspec:\n  name: b', lang: 'yaml' },
    { name: 'the same key in different documents', code: 'name: a\n---\nname: b', lang: 'yaml' },
    { name: 'merge keys may repeat', code: 'base: &base\n  a: 1\nother: &other\n  b: 2\nboth:\n  <<: *base\n  <<: *other', lang: 'yaml' },
    { name: 'output is never parsed', code: 'name: a\nname: b', lang: 'yaml', role: 'output' },
  ],
  invalid: [
    {
      name: 'a key twice in one mapping',
      code: 'metadata:\n  name: milvus-demo\n  namespace: milvus\n  name: other',
      lang: 'yaml',
      errors: [{ messageId: 'duplicate', line: 4, column: 3, message: 'Unexpected second `name:` in the same mapping (first at line 7), expected each key once per mapping' }],
    },
    {
      name: 'duplicates in two documents, each reported',
      code: 'a: 1\na: 2\n---\nspec:\n  rules: []\n  rules: []',
      lang: 'yaml',
      errors: [
        { messageId: 'duplicate', line: 2, column: 1 },
        { messageId: 'duplicate', line: 6, column: 3 },
      ],
    },
    {
      name: 'a key three times: the second and the third',
      code: 'x: 1\nx: 2\nx: 3',
      lang: 'yaml',
      errors: [
        { messageId: 'duplicate', line: 2, column: 1, message: '(first at line 6)' },
        { messageId: 'duplicate', line: 3, column: 1, message: '(first at line 6)' },
      ],
    },
  ],
});
