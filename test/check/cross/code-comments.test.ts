/**
 * The comment scanner behind the identifier rule's code tokens: per language family, what is a
 * comment and what stays code (strings, `$#`, `${#x}`, URLs, an apostrophe in a YAML scalar).
 */
import { describe, expect, it } from 'vitest';
import type { CodeLanguage } from '../../../src/core/model.ts';
import { splitComments } from '../../../src/check/cross/code-comments.ts';
import { codeIdentifierTokens } from '../../../src/check/cross/tokens.ts';

const cases: Array<[string, CodeLanguage, string | null, string, string[]]> = [
  // name, language, lang, text, the comments found (each without its line end)
  ['a Python line comment', 'python', 'python', 'data = []  # add to the list\nx = 1', ['# add to the list']],
  ['a `#` inside Python strings', 'python', 'python', 'color = "#0092E4"\nurl = \'a#b\'  # real', ['# real']],
  ['a Python triple-quoted string over lines', 'python', 'python', 'doc = """\n# not a comment\n"""\n# comment', ['# comment']],
  ['an escaped quote in a Python string', 'python', 'python', 's = "say \\"#hi\\""  # c', ['# c']],
  ['a shell comment after a command', 'shell', 'bash', 'helm install a b  # install it\n# whole line', ['# install it', '# whole line']],
  ['`$#`, `${#x}` and `a#b` in shell are no comments', 'shell', 'bash', 'echo $# ${#name} a#b', []],
  ['a `#` in a shell string spanning lines', 'shell', 'shell', "curl -d '{\n  \"color\": \"#fff\"\n}' # sent", ['# sent']],
  ['a YAML comment and a `#` inside a value', 'yaml', 'yaml', 'image: repo/app:1.0 # pinned\ncolor: "#fff"\nurl: http://host/#anchor', ['# pinned']],
  ["an apostrophe in a plain YAML scalar opens no string", 'yaml', 'yaml', "note: it's fine # really", ['# really']],
  ['Java line and block comments, not `//` in a string', 'other', 'java', 'String u = "http://x"; // line\n/* block\n over lines */ int a;', ['// line', '/* block\n over lines */']],
  ['INI comment lines', 'other', 'ini', '; first\n[section]\n# second\nkey=value # kept', ['; first', '# second']],
  ['no comments in JSON', 'json', 'json', '{"#": "# value"}', []],
  ['no comments in an unknown language', 'other', 'fortran', '! comment # maybe', []],
];

describe('splitComments', () => {
  it.each(cases)('%s', (_name, language, lang, text, comments) => {
    const split = splitComments(text, language, lang);
    expect(split.comments).toBe(comments.map((comment) => `${comment}\n`).join(''));
    expect(split.code).toHaveLength(text.length);
    expect(split.code.split('\n')).toHaveLength(text.split('\n').length);
    for (const comment of comments) expect(split.code).not.toContain(comment);
  });

  it('ends an unbalanced Python quote at its line end, so a later comment is still found', () => {
    expect(splitComments("print('oops)\nx = 1  # later", 'python', 'python').comments).toBe('# later\n');
  });
});

describe('codeIdentifierTokens', () => {
  it('keeps every token of the code and only identifier-shaped tokens of its comments', () => {
    const tokens = codeIdentifierTokens('data = load()  # add to the list\n# "state": "<LoadState: NotLoad>"', 'python', 'python');
    expect([...tokens]).toEqual(expect.arrayContaining(['data', 'load', 'LoadState', 'NotLoad']));
    expect(tokens.has('list')).toBe(false);
    expect(tokens.has('state')).toBe(false);
  });
});
