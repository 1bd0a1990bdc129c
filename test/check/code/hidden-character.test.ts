import rule from '../../../src/check/rules/code/hidden-character.ts';
import { ruleTester } from './rule-tester.ts';

ruleTester(rule, {
  valid: [
    { name: 'plain commands', code: 'kubectl get pods -n milvus\nhelm install my-release milvus/milvus', lang: 'bash' },
    { name: 'non-ASCII that is visible (accents, CJK, emoji, a no-break space)', code: 'echo "Größe 日本語 😀 a\u00a0b"', lang: 'bash' },
    { name: 'tabs and line ends', code: 'apiVersion: v1\nkind: ConfigMap\ndata:\n  key:\t"v"', lang: 'yaml' },
    { name: 'colour escapes in printed output (program logs hold them)', code: '\u001b[32mINFO\u001b[0m started', lang: 'text', role: 'output' },
  ],
  invalid: [
    {
      name: 'the corpus defect: a zero-width space at the end of a command (install_standalone-windows.md)',
      code: 'net start com.docker.service\u200b',
      lang: 'bash',
      errors: [{ messageId: 'invisible', line: 1, column: 29, severity: 'warning', message: 'Unexpected invisible U+200B ZERO WIDTH SPACE in code, expected none: it is copied with the code and changes the word it sits in (1 such in this block)' }],
    },
    {
      name: 'several in a PowerShell block: told once, at the first, with the count',
      code: 'C:\\>standalone.bat start\u200b\nWait for Milvus starting...\u200b\n\u200b',
      lang: 'powershell',
      errors: [{ messageId: 'invisible', line: 1, column: 25, message: '(3 such in this block)' }],
    },
    {
      name: 'a byte order mark and a word joiner in YAML',
      code: 'kind: Service\nmetadata:\n  name: \ufeffmilvus\u2060',
      lang: 'yaml',
      errors: [{ messageId: 'invisible', line: 3, column: 9, message: 'U+FEFF ZERO WIDTH NO-BREAK SPACE' }],
    },
    {
      name: 'an escape sequence in a command',
      code: 'echo "\u001b]0;pwned\u0007"',
      lang: 'bash',
      errors: [{ messageId: 'invisible', line: 1, column: 7, message: 'U+001B ESCAPE' }],
    },
    {
      name: 'Trojan Source: a right-to-left override makes the code read in another order (an error)',
      code: 'access_level = "user"\nif access_level != "user\u202e \u2066# admin\u2069 \u2066":\n    grant()',
      lang: 'python',
      errors: [{ messageId: 'bidi', line: 2, column: 25, severity: 'error', message: 'Unexpected U+202E RIGHT-TO-LEFT OVERRIDE in code, expected none: the code reads in another order than it runs (4 such in this block)' }],
    },
    {
      name: 'a bidi control is told before an invisible character met earlier',
      code: 'echo a\u200b\necho b\u200f',
      lang: 'bash',
      errors: [{ messageId: 'bidi', line: 2, column: 7, severity: 'error', message: 'U+200F RIGHT-TO-LEFT MARK' }],
    },
    {
      name: 'in a file to create',
      code: 'server {\n  listen 80;\u200b\n}',
      lang: 'nginx',
      meta: 'title="nginx.conf"',
      errors: [{ messageId: 'invisible', line: 2, column: 13 }],
    },
  ],
});
