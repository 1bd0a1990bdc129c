import rule from '../../../src/check/rules/code/python-syntax.ts';
import { ruleTester } from './rule-tester.ts';

ruleTester(rule, {
  valid: [
    {
      name: 'the pymilvus connection of aws_layer7',
      code: 'from pymilvus import (\n    connections,\n    utility,\n)\n\nconnections.connect("default", host="k8s-milvus.elb.amazonaws.com", port="443", secure=True, server_name="milvus-demo.milvus.io")',
      lang: 'python',
    },
    { name: 'modern syntax: f-strings, match, walrus, type parameters', code: 'def first[T](items: list[T]) -> T | None:\n    if (n := len(items)) > 0:\n        print(f"{n!r:>4} items")\n    match items:\n        case [x, *_]:\n            return x\n        case _:\n            return None', lang: 'python' },
    { name: '`...` as a value and as an elided argument line', code: 'client.search(..., limit=3)\nmilvus_index = fob.compute_similarity(\n    ...\n    backend="milvus",\n    brain_key="milvus_index",\n)', lang: 'python' },
    { name: '`...` inside a dict', code: '{2: 0.33, 98: 0.72, ...}', lang: 'python' },
    { name: 'notebook magics and shell prompts', code: '!pip install pymilvus\n%pip install -U openai\n$ pip install -qU unstructured\nimport pymilvus', lang: 'python' },
    { name: 'shell commands marked as Python', code: 'pip install --upgrade pymilvus\npip install "pymilvus[model]"', lang: 'python' },
    { name: 'printed results marked as Python', code: "Index: 1\nScore: 0.991162\nText: The Dartmouth Conference in 1956 is considered the birthplace of 'artificial intelligence'", lang: 'python' },
    { name: 'an interactive session', code: '>>> from pymilvus import MilvusClient\n>>> client = MilvusClient("milvus_demo.db")\n>>> client.has_collection("demo")\nFalse', lang: 'python' },
    { name: 'typographic quotes in strings and comments are fine', code: 'text = "It’s “quoted”"  # a ‘comment’', lang: 'python' },
    { name: 'output is never parsed', code: 'hit: id: 2998, distance: 0.0, entity: {\'random\': 0.97', lang: 'python', role: 'output' },
  ],
  invalid: [
    {
      name: 'a call that is never closed',
      code: 'connections.connect("default",\n    host="localhost",\n',
      lang: 'python',
      errors: [{ messageId: 'syntax', line: 3, column: 1, message: 'with `(` from line 6 still open, expected a closing `)`' }],
    },
    {
      name: 'an assignment inside a list (en reference/schema.md)',
      code: 'from pymilvus import FieldSchema\n\nfields = [\n  FieldSchema(name="id", dtype=DataType.INT64, is_primary=True),\n  embedding_field = FieldSchema(name="embedding", dtype=DataType.FLOAT_VECTOR, dim=128)\n]',
      lang: 'python',
      errors: [{ messageId: 'syntax', line: 5, column: 19, message: 'Unexpected `=`, expected `,` or a closing `]` (the `[` of line 8 is open)' }],
    },
    {
      name: 'a full-width comma (en single-vector-search.md)',
      code: "search_parameters = {\n    'metric_type': 'L2',\n    'params': {\n        'level': 1，\n        'radius': 1.0\n    }\n}",
      lang: 'python',
      errors: [{ messageId: 'syntax', line: 4, column: 19, message: 'Unexpected `，`' }],
    },
    {
      name: 'a Markdown fence left inside the code: shown so that it can be read, up to its line end',
      code: 'client = MilvusClient(uri="http://localhost:19530")\n```\nclient.drop_collection(collection_name="demo")',
      lang: 'python',
      errors: [{ messageId: 'syntax', line: 2, column: 1, message: /^Unexpected ```` ``` ````, expected a complete Python statement$/ }],
    },
    {
      name: 'a string that never closes',
      code: "collection_name = 'demo\nclient.drop_collection(collection_name)",
      lang: 'python',
      errors: [{ messageId: 'string', line: 1, column: 19, message: "Unexpected `'` opening a string that never closes, expected a closing `'` on the same line" }],
    },
    {
      name: 'typographic quotes used as string quotes',
      code: 'client = MilvusClient(uri=“http://localhost:19530”)',
      lang: 'python',
      errors: [{ messageId: 'typographic', line: 1, column: 27, message: 'Unexpected typographic quote `“` in code, expected ASCII `"`' }],
    },
    {
      name: 'an unexpected indent',
      code: 'client = MilvusClient()\n    client.create_collection("demo", dimension=5)',
      lang: 'python',
      errors: [{ messageId: 'indentation', line: 2, column: 5, message: 'Unexpected statement indented to column 5, expected column 1' }],
    },
    {
      name: 'a Python 2 print statement',
      code: 'res = client.search("demo", data=[[0.1, 0.2]])\nprint res',
      lang: 'python',
      errors: [{ messageId: 'print', line: 2, column: 1, message: 'Unexpected Python 2 `print` statement' }],
    },
    {
      name: 'a statement indented past its block: the token is named and placed, not the spaces before it (found by fuzzing)',
      code: 'class A:\n    def f(self):\n        d = 1\n           break',
      lang: 'python',
      // One finding: the parser's complaint about the same line is a consequence of the indent.
      errors: [{ messageId: 'indentation', line: 4, column: 12, message: 'Unexpected statement indented to column 12, expected column 9, like the statements before it (unexpected indent)' }],
    },
    {
      name: 'a statement indented past the rest of its function: the column of the statements before it is expected, not the script\'s',
      code: 'def setup():\n    client = MilvusClient()\n        client.create_collection("demo", dimension=5)\n    return client',
      lang: 'python',
      errors: [{ messageId: 'indentation', line: 3, column: 9, message: 'Unexpected statement indented to column 9, expected column 5, like the statements before it (unexpected indent)' }],
    },
    {
      name: 'a statement at the column of its block after a line the parser gave up on: only that line is reported (found by fuzzing)',
      code: 'class A:\n    def f(self):\n        x = 1\n&\n        y = 2',
      lang: 'python',
      errors: [{ messageId: 'syntax', line: 4, column: 1, message: 'Unexpected `&`, expected a complete Python statement' }],
    },
    {
      name: 'a statement backed out of a block to a column no block has',
      code: 'if client.has_collection("demo"):\n    if drop:\n        client.drop_collection("demo")\n      client.close()',
      lang: 'python',
      errors: [{ messageId: 'indentation', line: 4, column: 7, message: 'Unexpected statement indented to column 7, expected column 5 or column 9, the indentation of a block around it (unindent does not match)' }],
    },
    {
      name: 'a block header without its body',
      code: 'if client.has_collection("demo"):\nclient.drop_collection("demo")',
      lang: 'python',
      errors: [{ messageId: 'syntax', line: 2, column: 1, message: 'expected an indented block after `:`' }],
    },
  ],
});
