/**
 * The simple front matter reader must give exactly the yaml package's result for every front
 * matter it accepts, and decline whatever the yaml package reads in a way of its own.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readSimpleFrontMatter } from '../../src/core/simple-front-matter.ts';

const yaml = (raw: string): unknown => parseDocument(raw, { uniqueKeys: true }).toJS();

const accepted: Array<[string, string]> = [
  ['plain strings, a boolean and an integer', 'id: manage_databases.md\ntitle: Manage Databases\ndeprecate: true\norder: 3\n'],
  ['a plain string with brackets, quotes, colons and # inside', "title: Milvus [beta] it's C# and \"more\"\nsummary: a:b c#d\n"],
  ['single-quoted strings, with an escaped quote', "related_key: 'clustering, compaction'\ntitle: 'Einfügen, Upsert und Löschen'\nx: 'It''s: # fine'\n"],
  ['a folded block, stripped', 'summary: >-\n  Mit der zunehmenden Beliebtheit von RAG-Anwendungen\n  wächst auch das Interesse.\ntitle: RAG\n'],
  ['a folded block, clipped', 'summary: >\n  one\n  two\n'],
  ['literal blocks', 'a: |-\n    line one\n    line two\nb: |\n  x\n'],
  ['Cyrillic and CJK', 'title: Управление базами данных\nlabel: 日本語\n'],
  ['an empty front matter', ''],
];

const declined: Array<[string, string]> = [
  ['a comment line', '# note\nid: x\n'],
  ['a comment after a value', 'id: x # note\n'],
  ['a repeated key (an error)', 'id: a\nid: b\n'],
  ['a number in another notation', 'version: 2.4\n'],
  ['an octal-looking integer', 'order: 007\n'],
  ['a negative number', 'order: -1\n'],
  ['null', 'deprecate: null\n'],
  ['a capitalised boolean', 'deprecate: True\n'],
  ['a key the schema reads as a boolean', 'true: x\n'],
  ['a nested mapping', 'meta:\n  a: b\n'],
  ['a sequence', 'tags:\n  - a\n'],
  ['a flow sequence', 'tags: [a, b]\n'],
  ['an anchor', 'a: &x b\n'],
  ['a double-quoted string (escapes)', 'title: "a\\tb"\n'],
  ['a multi-line plain scalar', 'summary: one\n  two\n'],
  ['a multi-line single-quoted scalar', "summary: 'one\n  two'\n"],
  ['a folded block with a more-indented line', 'summary: >-\n  one\n    two\n'],
  ['a folded block with a blank line', 'summary: >-\n  one\n\n  two\n'],
  ['a folded block with trailing spaces', 'summary: >-\n  one \n  two\n'],
  ['a block with a keep indicator', 'summary: >+\n  one\n'],
  ['a plain value with `: `', 'title: a: b\n'],
  ['two spaces after the colon', 'title:  x\n'],
  ['a tab', 'title: a\tb\n'],
  ['a blank line', 'id: a\n\ntitle: b\n'],
  ['a document marker', '---\nid: a\n'],
  ['an empty value (null)', 'id:\n'],
];

describe('simple front matter reader', () => {
  describe('gives the yaml package’s result', () => {
    it.each(accepted)('%s', (_name, raw) => {
      const fast = readSimpleFrontMatter(raw);
      expect(fast).not.toBeNull();
      expect(fast).toStrictEqual(yaml(raw) ?? {});
    });
  });

  describe('declines', () => {
    it.each(declined)('%s', (_name, raw) => {
      expect(readSimpleFrontMatter(raw)).toBeNull();
    });
  });

  it('agrees with the yaml package on every damaged seed front matter it accepts', async () => {
    const seeds = join(import.meta.dirname, '..', '..', 'content');
    const raws: string[] = [];
    for (const locale of await readdir(seeds)) {
      for (const name of await readdir(join(seeds, locale))) {
        const text = await readFile(join(seeds, locale, name), 'utf8');
        raws.push(text.slice(4, text.indexOf('\n---', 3) + 1));
      }
    }
    const damage = ['#', ' ', '\n', ': ', "'", '"', '-', '>', '|', '  ', '\t', '0', '1.5', 'true', '[', '{', '&', '*', '!', '~', 'null'];
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    let checked = 0;
    for (let round = 0; round < 400; round++) {
      let raw = raws[random(raws.length)]!;
      for (let edit = 0; edit <= random(3); edit++) {
        const at = random(raw.length + 1);
        raw = random(3) === 0 ? raw.slice(0, at) + raw.slice(at + 1 + random(4)) : raw.slice(0, at) + damage[random(damage.length)] + raw.slice(at);
      }
      const fast = readSimpleFrontMatter(raw);
      if (fast === null) continue;
      const document = parseDocument(raw, { uniqueKeys: true });
      expect(document.errors, raw).toEqual([]);
      expect(fast, raw).toStrictEqual(document.toJS() ?? {});
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });
});
