import rule from '../../../src/check/rules/code/shell-typographic-quote.ts';
import { ruleTester } from './rule-tester.ts';

ruleTester(rule, {
  valid: [
    { name: 'ASCII quotes', code: 'helm install my-release milvus/milvus --set image.tag="v2.4.5" --set \'cluster.enabled=true\'', lang: 'bash' },
    { name: 'typographic quotes inside ASCII quotes are text', code: 'echo "Milvus says “hello”" \'and ‘bye’\'', lang: 'bash' },
    { name: 'in a comment', code: '# Replace “my-release” with your release name\nhelm uninstall my-release', lang: 'bash' },
    { name: 'in a here-document body', code: 'cat <<EOF > note.txt\nIt’s “done”.\nEOF', lang: 'bash' },
    { name: 'in output', code: 'Error: release “my-release” not found', lang: 'bash', role: 'output' },
    { name: 'in output marked as a command (no line starts a command)', code: 'Error: release “my-release” not found', lang: 'bash', role: 'command' },
  ],
  invalid: [
    {
      name: 'a value "quoted" with “ ”',
      code: 'helm install my-release milvus/milvus --set image.tag=“v2.4.5”',
      lang: 'bash',
      errors: [{ messageId: 'typographic', line: 1, column: 55, message: 'Unexpected typographic quotes `“` `”`, which the shell keeps as ordinary characters, expected ASCII `"`' }],
    },
    {
      name: '‘ ’ around a word, on the second line',
      code: 'kubectl create namespace milvus\nkubectl label namespace milvus team=‘search’',
      lang: 'bash',
      errors: [{ messageId: 'typographic', line: 2, column: 37, message: "expected ASCII `'`" }],
    },
    {
      name: 'guillemets and „ “ on two lines: one report per line',
      code: 'helm upgrade m milvus/milvus \\\n  --set a=«x» \\\n  --set b=„y“',
      lang: 'shell',
      errors: [
        { messageId: 'typographic', line: 2, column: 11, message: '`«` `»`' },
        { messageId: 'typographic', line: 3, column: 11, message: '`„` `“`' },
      ],
    },
    {
      name: 'inside $( … ) but outside its quotes',
      code: 'echo $(kubectl get pod -l app=“milvus” -o name)',
      lang: 'bash',
      errors: [{ messageId: 'typographic', line: 1, column: 31 }],
    },
  ],
});
