import rule from '../../../src/check/rules/code/shell-heredoc.ts';
import { ruleTester } from './rule-tester.ts';

ruleTester(rule, {
  valid: [
    { name: 'closed', code: 'cat <<EOF > values.yaml\ncluster:\n  enabled: true\nEOF\nhelm install m milvus/milvus -f values.yaml', lang: 'bash' },
    { name: '`<<-` allows tabs before the delimiter', code: 'cat <<-EOF\n\tline\n\tEOF', lang: 'bash' },
    { name: 'a quoted delimiter', code: "cat <<'EOF' > run.sh\necho $HOME\nEOF", lang: 'bash' },
    { name: 'two here-documents in a row', code: 'cat <<A > a.txt\na\nA\ncat <<B > b.txt\nb\nB', lang: 'bash' },
  ],
  invalid: [
    {
      name: 'never closed',
      code: 'kubectl apply -f - <<EOF\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: milvus',
      lang: 'bash',
      errors: [{ messageId: 'unterminated', line: 1, column: 20, message: 'Unexpected here-document `<<EOF` that is never closed, expected a line with only `EOF` to end it' }],
    },
    {
      name: 'an indented delimiter does not close it',
      code: 'cat <<EOF > tls.yaml\nextraConfigFiles:\n  user.yaml: |+\n  EOF',
      lang: 'bash',
      errors: [{ messageId: 'unterminated', line: 1, column: 5, message: 'line 9 (`  EOF`) has indentation, expected `EOF` alone at the start of a line' }],
    },
    {
      name: 'trailing spaces after the delimiter',
      code: 'cat <<EOF > a.txt\nhello\nEOF  ',
      lang: 'bash',
      errors: [{ messageId: 'unterminated', line: 1, column: 5, message: 'line 8 (`EOF  `) has trailing spaces' }],
    },
  ],
});
