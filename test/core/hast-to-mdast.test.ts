/**
 * The ported conversion driver (hast-to-mdast.ts) gives hast-util-to-mdast's tree, key for key
 * (toStrictEqual: an `undefined` key where the library has none is a difference), on the cases
 * its own code decides: phrasing runs, links around blocks, list item spread, unknown elements,
 * and the cases it hands back to the library (task list items, `<link>` and `<meta>` in items).
 */
import { describe, expect, it } from 'vitest';
import { milvusHtmlToMdast } from '../../src/core/parse/milvus-html.ts';

function bothWays(html: string) {
  const fast = milvusHtmlToMdast(html, 'page.md').tree;
  const library = milvusHtmlToMdast(html, 'page.md', { scanCode: false, libraryWhitespace: true, wellFormedTree: false }).tree;
  return { fast, library };
}

function collect(node: unknown, type: string, found: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  const record = node as { type: string; children?: unknown[] };
  if (record.type === type) found.push(record as Record<string, unknown>);
  for (const child of record.children ?? []) collect(child, type, found);
  return found;
}

describe('the ported conversion driver', () => {
  const cases: Array<[string, string, (tree: unknown) => void]> = [
    ['a link around a block is split around it', '<p><a href="https://x.test/">before<div>inside</div>after</a></p>', (tree) => expect(collect(tree, 'link')).toHaveLength(3)],
    ['a deletion around a block is split too', '<del>a<p>b</p>c</del>', (tree) => expect(collect(tree, 'delete').length).toBeGreaterThan(1)],
    ['phrasing beside blocks becomes paragraphs', '<div>lead <b>bold</b><ul><li>item</li></ul>tail</div>', (tree) => expect(collect(tree, 'paragraph')).toHaveLength(3)],
    ['white space between blocks makes no paragraph', '<div><p>a</p> \n <p>b</p></div>', (tree) => expect(collect(tree, 'paragraph')).toHaveLength(2)],
    ['breaks at the edges of a run are dropped', '<div><br>text<br></div>', (tree) => expect(collect(tree, 'break')).toHaveLength(0)],
    ['an item holding a paragraph is spread', '<ul><li><p>a</p></li><li>b</li></ul>', (tree) => expect(collect(tree, 'list')[0]!.spread).toBe(true)],
    ['an item holding two blocks is spread', '<ul><li>a<div>b</div><div>c</div></li><li>d</li></ul>', (tree) => expect(collect(tree, 'listItem')[0]!.spread).toBe(true)],
    ['an item holding one block is not', '<ul><li>a<div>b</div></li><li>c</li></ul>', (tree) => expect(collect(tree, 'listItem')[0]!.spread).toBe(false)],
    ['a paragraph in a phrasing element does not count, as in the library', '<ul><li><span>a<div><p>b</p></div></span></li></ul>', (tree) => expect(collect(tree, 'listItem')[0]!.spread).toBe(false)],
    ['a paragraph in a nested block counts', '<ul><li><div>a<div><p>b</p></div></div></li></ul>', (tree) => expect(collect(tree, 'listItem')[0]!.spread).toBe(true)],
    ['a task list item (the library decides)', '<ul><li><input type="checkbox" checked> done</li><li><p><input type="checkbox"> todo</p></li></ul>', (tree) => expect(collect(tree, 'listItem').map((item) => item.checked)).toEqual([true, false])],
    ['a <link> in an item (the library decides)', '<ul><li><link itemprop="url" href="https://x.test/">a<div>b</div></li></ul>', (tree) => expect(collect(tree, 'listItem')).toHaveLength(1)],
    ['an unknown element is its content, even one named like a prototype key', '<p><constructor>word</constructor> <your_token>x</your_token></p>', (tree) => expect(collect(tree, 'text').map((text) => text.value).join('')).toBe('word x')],
    ['data-mdast="ignore" drops the element', '<p data-mdast="ignore">hidden</p><p>shown</p>', (tree) => expect(collect(tree, 'text').map((text) => text.value)).toEqual(['shown'])],
    ['a <base> resolves later links', '<base href="https://x.test/docs/"><p><a href="page">x</a></p>', (tree) => expect(collect(tree, 'link')[0]!.url).toBe('https://x.test/docs/page')],
    ['a blockquote wraps its phrasing', '<blockquote>text <b>bold</b></blockquote>', (tree) => expect(collect(tree, 'blockquote')[0]!.children).toHaveLength(1)],
    ['an empty page', '', (tree) => expect(tree).toEqual({ type: 'root', children: [] })],
  ];

  it.each(cases)('%s', (_name, html, check) => {
    const { fast, library } = bothWays(html);
    expect(fast).toStrictEqual(library);
    check(fast);
  });
});
