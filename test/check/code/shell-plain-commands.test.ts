/**
 * Shell text of plain words only is not sent to the parser (src/check/languages/shell.ts,
 * onlyPlainCommands): it must be text the parser would accept, always. Everything else still goes
 * to the parser; the table says which is which, and sh-syntax itself confirms every text taken as
 * plain (the corpus's 265 such blocks and 22,680 generated ones were compared the same way).
 */
import { describe, expect, it } from 'vitest';
import { parse as libraryParse } from 'sh-syntax';
import { onlyPlainCommands, parseShell } from '../../../src/check/languages/shell.ts';

const PLAIN = [
  'kubectl get pods -n default',
  'helm repo update\nhelm install my-release milvus/milvus --set cluster.enabled=false',
  'export_data=1',
  'A_B=1 ./run.sh --flag=a,b@c:d%e^f+g',
  '  indented command\n\n\tafter a blank line',
  'echo in the middle: if then fi done',
];
const NOT_PLAIN = [
  ['a quote', 'echo "x"'],
  ['a single quote', "echo 'x"],
  ['an expansion', 'echo $HOME'],
  ['a pipe', 'kubectl get pods | grep milvus'],
  ['a separator', 'cd x; ls'],
  ['a redirection', 'echo x > file'],
  ['a glob', 'ls *.yaml'],
  ['a comment', 'ls # list'],
  ['a continuation', 'helm install \\\n  demo'],
  ['a brace', 'f() { ls; }'],
  ['a reserved word first', 'if true'],
  ['`time`, a reserved word too', 'time ls'],
  ['a reserved word first on a later line', 'ls\n  done'],
  ['`let`, whose arguments are arithmetic', 'let a=1+'],
  ['`declare`, whose arguments are assignments', 'declare 1a=b'],
  ['a tilde', 'cd ~'],
  ['a non-ASCII letter', 'echo grüße'],
  ['a carriage return', 'ls\r\nls'],
] as const;

describe('onlyPlainCommands', () => {
  for (const text of PLAIN) {
    it(`takes ${JSON.stringify(text)} as plain, and so does the parser`, async () => {
      expect(onlyPlainCommands(text)).toBe(true);
      await expect(libraryParse(text, { keepComments: false })).resolves.toBeDefined();
      expect(await parseShell(text)).toBeNull();
    });
  }
  for (const [name, text] of NOT_PLAIN) {
    it(`leaves ${name} to the parser`, () => {
      expect(onlyPlainCommands(text)).toBe(false);
    });
  }

  it('still finds the errors of text that is not plain', async () => {
    expect(await parseShell('if true')).toMatchObject({ line: 1 });
    expect(await parseShell('ls\n  done')).toMatchObject({ line: 2 });
  });
});
