/**
 * The Milvus front end's speed-ups must not change a thing: the code scanner (code-scan.ts),
 * the whitespace port (whitespace.ts) and the table handler port (table-handler.ts) give the same
 * mdast, positions included, as the plain path (every block left to the HTML parser, whitespace
 * and tables handled by hast-util-to-mdast itself). Checked on the seeds, on markup built to trip
 * the scanner and on tables of every shape the handler treats; the corpus suite checks all pages.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/core/frontmatter.ts';
import { blankScannedCode, scanCodeBlocks, scannedSegments } from '../../src/core/parse/code-scan.ts';
import { milvusHtmlToMdast } from '../../src/core/parse/milvus-html.ts';
import { buildWellFormedHtml } from '../../src/core/parse/well-formed-html.ts';
import { readSource } from '../../src/core/source.ts';

const SEEDS = join(import.meta.dirname, 'fixtures', 'seeds');

/** The page read the fast way (the direct reader when it takes the page) and the plain way: the mdast and warnings of each. */
function bothWays(html: string) {
  const { tree, warnings } = milvusHtmlToMdast(html, 'page.md');
  const plain = milvusHtmlToMdast(html, 'page.md', { scanCode: false, libraryWhitespace: true, wellFormedTree: false });
  return { fast: { tree, warnings }, plain: { tree: plain.tree, warnings: plain.warnings } };
}

function codeValues(tree: ReturnType<typeof milvusHtmlToMdast>['tree']): string[] {
  const values: string[] = [];
  const walk = (node: { type: string; value?: string; children?: unknown[] }): void => {
    if (node.type === 'code') values.push(node.value!);
    for (const child of (node.children ?? []) as Array<typeof node>) walk(child);
  };
  walk(tree);
  return values;
}

const COPY = '<button class="copy-code-btn"></button>';
const block = (content: string, lang = 'bash') => `<pre><code translate="no" class="language-${lang}">${content}\n${COPY}</code></pre>`;

describe('code scanner and whitespace port agree with the plain path', () => {
  it('on every seed page', async () => {
    const files = (await readdir(SEEDS)).filter((name) => name.endsWith('.txt'));
    for (const name of files) {
      const source = await readSource(join(SEEDS, name));
      const { maskedText } = splitFrontMatter(source.path, source.text);
      const scanned = scanCodeBlocks(maskedText);
      expect(scanned.length, `${name}: the scanner reads the Milvus blocks`).toBeGreaterThan(3);
      const { fast, plain } = bothWays(maskedText);
      expect(fast).toEqual(plain);
    }
  });

  const cases: Array<[string, string, string[]]> = [
    ['highlight spans and entities', `<p>Run:</p>\n${block('<span class="hljs-built_in">echo</span> &quot;a &amp; b&quot; &lt;x&gt; &#x27;q&#x27; &#39;r&#39;')}`, [`echo "a & b" <x> 'q' 'r'`]],
    ['astral characters before the end on the same line', `${block('echo 😀 日本', 'text')}<p>after 😀</p>`, ['echo 😀 日本']],
    ['several trailing line ends before the copy button', block('ls\n\n'), ['ls']],
    ['a leading line end after <code>', block('\nls'), ['\nls']],
    ['an empty block', `<pre><code translate="no">${COPY}</code></pre>`, ['']],
    ['<br> inside code (left to the parser)', block('a<br>b'), ['a\nb']],
    ['an entity without `;` (left to the parser)', block('a &amp b &lt c'), ['a & b < c']],
    ['C1, NUL and unknown references (left to the parser)', block('&#128; &#0; &#x110000; &nosuch;'), ['€ \uFFFD \uFFFD &nosuch;']],
    ['an unclosed span (left to the parser)', block('<span class="x">a'), ['a']],
    ['a comment inside code (left to the parser)', block('a<!-- c -->b'), ['ab']],
    ['a formatting element left open before the block', `<p><b>bold</p>${block('echo hi')}<p>after</p>`, ['echo hi']],
    ['a block inside a button', `<button>${block('inside')}</button><p>x</p>`, ['inside']],
    ['a block inside a comment', `<!-- ${block('hidden')} --><p>x</p>${block('shown')}`, ['shown']],
    ['a block inside an attribute value', `<p><a title="${block('in attr').replace(/"/g, "'")}">t</a></p>${block('real')}`, ['real']],
    ['a block inside <style> and one after', `<style scoped>.x{}\n${block('styled')}</style>${block('real')}`, ['real']],
    ['a block inside another block', `<pre><code>outer ${block('inner')} tail\n${COPY}</code></pre>`, []],
    ['a block inside a table inside a table', `<table><tr><td><table><tr><td>${block('deep')}</td></tr></table></td></tr></table>`, []],
    ['a block inside inline code', `<p><code>${block('inline')}</code></p>`, []],
    ['a block inside a list inside an alert', `<div class="alert note"><ul><li>${block('kubectl get pods')}</li></ul></div>`, ['kubectl get pods']],
    // The direct reader declines the page in the link's `href` (`&amp` before a letter is no reference
    // there) and left the shared attribute pattern mid-source: the tree builder lost the `href` and the id.
    ['attributes after the direct reader declined a page in one (seed 33)', '<p><a href="?sa=t&ampUK">Towhee</a></p><h2 id="after-a-declined-attribute">Next</h2>', []],
  ];
  for (const [name, html, expected] of cases) {
    it(name, () => {
      const { fast, plain } = bothWays(html);
      expect(fast).toEqual(plain);
      // Where the expected text is given, both paths also read it as a reader copies it.
      if (expected.length > 0) expect(codeValues(fast.tree)).toEqual(expected);
    });
  }

  // The table handler port (table-handler.ts) against the library's.
  const tables: Array<[string, string]> = [
    ['a table with a head', '<table><thead><tr><th>Name</th><th align="right">Size</th></tr></thead><tbody><tr><td>a</td><td>1</td></tr></tbody></table>'],
    ['a table without a head', '<table><tbody><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></tbody></table>'],
    ['a `th` in the second row', '<table><tbody><tr><td>a</td></tr><tr><th>b</th></tr><tr><th>c</th></tr></tbody></table>'],
    ['aligned cells, the first alignment of a column winning', '<table><tbody><tr><td align="center">a</td><td>b</td><td align="left">c</td></tr><tr><td align="right">d</td><td align="right">e</td><td align="bogus">f</td></tr></tbody></table>'],
    ['column and row spans', '<table><thead><tr><th colspan="2">wide</th><th>c</th></tr></thead><tbody><tr><td rowspan="3">tall</td><td>x</td><td>y</td></tr><tr><td>z</td></tr></tbody></table>'],
    ['short rows', '<table><tbody><tr><td>a</td><td>b</td><td>c</td></tr><tr><td>d</td></tr></tbody></table>'],
    ['a table inside a cell (its text)', '<table><tbody><tr><td>out<table><tbody><tr><th>in</th><td align="center">x</td></tr></tbody></table></td><td>b</td></tr></tbody></table>'],
    ['lists and code in cells', '<table><thead><tr><th>Param</th><th>Notes</th></tr></thead><tbody><tr><td><code>nlist</code></td><td><ul><li>one</li><li>two</li></ul><p>more</p></td></tr></tbody></table>'],
    ['an empty table', '<table></table><p>after</p>'],
  ];
  for (const [name, html] of tables) {
    it(`table: ${name}`, () => {
      const { fast, plain } = bothWays(html);
      expect(fast).toEqual(plain);
      expect(JSON.stringify(fast.tree)).toContain('"type":"table"');
    });
  }

  it('blanks only what it reads and keeps every position', () => {
    const html = `<p>x</p>\n${block('<span class="a">one</span>\ntwo &amp; three')}\n<p>y</p>`;
    const blocks = scanCodeBlocks(html);
    const blanked = blankScannedCode(html, blocks);
    expect(blocks).toHaveLength(1);
    expect(blanked).toHaveLength(html.length);
    expect(blanked.split('\n').length).toBe(html.split('\n').length);
    expect(blanked.slice(0, blocks[0]!.contentStart)).toBe(html.slice(0, blocks[0]!.contentStart));
    expect(blanked.slice(blocks[0]!.contentEnd)).toBe(html.slice(blocks[0]!.contentEnd));
    expect(blanked.slice(blocks[0]!.contentStart, blocks[0]!.contentEnd).trim()).toBe('');
    expect(blocks[0]!.text).toBe('one\ntwo & three\n');
  });

  it('finds a block\'s segments when asked, counting lines from the block\'s own', () => {
    const html = `<p>x</p>\n${block('a')}\n<p>y</p>\n${block('<span class="a">one</span>\ntwo &amp; three')}`;
    const blocks = scanCodeBlocks(html);
    expect(blocks.map(({ line, lineStart }) => ({ line, lineStart }))).toEqual([
      { line: 2, lineStart: 9 },
      { line: 5, lineStart: 121 },
    ]);
    // `one` after the 48 characters of <pre><code …> and the 16 of <span …>; the line end after
    // </span>; `two` on line 6; the character after `&amp;` at column 10; the last line end.
    expect(scannedSegments(html, blocks[1]!)).toEqual([
      [0, 5, 65],
      [3, 5, 75],
      [4, 6, 1],
      [9, 6, 10],
      [16, 7, 1],
    ]);
  });

  it('places a `<pre>` without `<code>` after the line feed the parser drops, on every path', () => {
    // Line 2 holds the start tag and the dropped line feed; the text's first (empty) line is line 3.
    const html = '<p>x</p>\n<pre class="language-text">\n\nkept &amp; <span style="color: red">red</span>\n</pre>';
    const paths = [
      milvusHtmlToMdast(html, 'page.md'),
      milvusHtmlToMdast(html, 'page.md', { directReader: false }),
      milvusHtmlToMdast(html, 'page.md', { scanCode: false, libraryWhitespace: true, wellFormedTree: false }),
    ];
    expect(paths.map((path) => path.read)).toEqual(['direct', 'tree', 'tree']);
    for (const { tree } of paths) {
      const code = tree.children.find((node) => node.type === 'code')!;
      expect(code.value).toBe('\nkept & red');
      const data = (code.data as { polyguide: { lines: unknown[] } }).polyguide;
      expect(data.lines).toEqual([
        { line: 3, column: 1 },
        { line: 4, column: 1 },
      ]);
    }
  });

  it('gives a code node its segments and line starts on first use, once', () => {
    const html = `<p>x</p>\n${block('<span class="a">one</span>\ntwo')}`;
    const { tree } = milvusHtmlToMdast(html, 'page.md');
    const code = tree.children.find((node) => node.type === 'code')!;
    const data = (code.data as { polyguide: { segments: unknown[]; lines: unknown[] } }).polyguide;
    expect(data.lines).toEqual([
      { line: 2, column: 65 },
      { line: 3, column: 1 },
    ]);
    expect(data.segments).toBe(data.segments);
    expect(data.lines).toBe(data.lines);
  });

  it('the tree builder skips what was read: the tree of the blanked page, the content left empty', () => {
    const html = `<p>x &amp; y</p>\n${block('<span class="a">one</span>\ntwo &amp; three')}\n<p>y</p>${block('')}${block('<span class="b">&lt;x&gt;</span>')}`;
    const blocks = scanCodeBlocks(html);
    expect(blocks).toHaveLength(3);
    const skipped = buildWellFormedHtml(html, { scannedContents: blocks });
    const blanked = buildWellFormedHtml(blankScannedCode(html, blocks))!;
    const contents = new Set(blocks.map((scanned) => scanned.contentStart));
    let emptied = 0;
    const emptyScanned = (node: { type: string; value?: string; position?: { start: { offset?: number } }; children?: unknown[] }): void => {
      if (node.type === 'text' && contents.has(node.position!.start.offset!)) {
        node.value = '';
        emptied++;
      }
      for (const child of (node.children ?? []) as Array<typeof node>) emptyScanned(child);
    };
    emptyScanned(blanked);
    expect(emptied).toBe(3);
    expect(skipped).toStrictEqual(blanked);
  });
});
