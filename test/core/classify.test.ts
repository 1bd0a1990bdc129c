/**
 * Roles from the prose before a block: a JSON-labelled block announced as output ("Output
 * structure:", "Die erwartete Ausgabe ist ähnlich wie die folgende:") is output, not JSON to
 * parse; the same block after other prose stays a snippet.
 */
import { describe, expect, it } from 'vitest';
import { parseGuideText } from '../../src/core/parse/index.ts';
import { codeBlocks } from '../../src/core/walk.ts';

const PRINTED = '{\n    id: 0,\n    color: \'pink_8682\'\n}';

function roleAfter(prose: string, lang = 'json', code = PRINTED): string {
  const { guide } = parseGuideText('en/g.md', `---\ntitle: t\n---\n\n${prose}\n\n\`\`\`${lang}\n${code}\n\`\`\`\n`, { locale: 'en' });
  return codeBlocks(guide)[0]!.role;
}

describe('output announced by the prose before a JSON block', () => {
  it.each([
    ['Output structure:'],
    ['The expected output is similar to the following:'],
    ['This prints one entity. The output should be similar to the following:'],
    ['Die erwartete Ausgabe ist ähnlich wie die folgende:'],
    ['Ожидаемый результат будет выглядеть следующим образом:'],
    ['O resultado esperado é semelhante ao seguinte:'],
    ['Keluaran yang diharapkan mirip dengan yang berikut ini:'],
  ])('%s → output', (prose) => {
    expect(roleAfter(prose)).toBe('output');
  });

  it.each([
    ['Create the request body:'],
    ['Run this to see the output:'],
    ['The expected output is shown below.'],
    ['The output is written to a file. Create the configuration:'],
  ])('%s → snippet', (prose) => {
    expect(roleAfter(prose)).toBe('snippet');
  });

  it('leaves other languages to their own signs (locales word the announcement differently)', () => {
    expect(roleAfter('The expected output is similar to the following:', 'python', "print({'id': 0})")).toBe('snippet');
  });
});

describe('notebook output: unlabelled blocks right after a Python cell', () => {
  const rolesOf = (body: string): string[] => codeBlocks(parseGuideText('en/g.md', `---\ntitle: t\n---\n\n${body}\n`, { locale: 'en' }).guide).map((block) => block.role);
  const fence = (lang: string, code: string): string => `\`\`\`${lang}\n${code}\n\`\`\`\n`;

  it.each([
    ['one printout after the cell', [fence('python', 'print(len(docs))'), fence('', '502')], ['snippet', 'output']],
    ["a warning, then the printout (one block each)", [fence('python', 'evaluate(cases)'), fence('', 'UserWarning: slow'), fence('', '✓ Tests finished')], ['snippet', 'output', 'output']],
    ['an unlabelled block after prose stays a snippet', [fence('python', 'print(1)'), 'Then:\n', fence('', 'workspace\n└── configs')], ['snippet', 'snippet']],
    ['an unlabelled block after a shell command stays a snippet', [fence('shell', 'ls'), fence('', 'workspace\n└── configs')], ['command', 'snippet']],
    ['a labelled block after the cell keeps its own role', [fence('python', 'x = 1'), fence('python', 'y = 2')], ['snippet', 'snippet']],
  ])('%s', (_name, parts, roles) => {
    expect(rolesOf(parts.join('\n'))).toEqual(roles);
  });
});
