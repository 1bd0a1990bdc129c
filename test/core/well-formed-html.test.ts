/**
 * The well-formed tree builder must give exactly rehype-parse's hast (positions included) for
 * every input it accepts, and decline everything where the HTML standard does more than nest.
 * Valid/invalid tables in the RuleTester style, then damaged seed pages: whatever it accepts of
 * those must still equal the real parser's tree.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/core/frontmatter.ts';
import { ATTRIBUTE, buildWellFormedHtml } from '../../src/core/parse/well-formed-html.ts';
import { readSource } from '../../src/core/source.ts';

const SEEDS = join(import.meta.dirname, 'fixtures', 'seeds');
const parser = unified().use(rehypeParse, { fragment: true });
const realParse = (html: string) => parser.parse(new VFile({ path: 'page.md', value: html }));

const ANCHOR = '<button data-href="#A" class="anchor-icon" translate="no">\n  <svg translate="no" aria-hidden="true" focusable="false" height="20" version="1.1" viewBox="0 0 16 16" width="16">\n    <path fill="#0092E4" fill-rule="evenodd" d="M4 9h1v1H4"></path>\n  </svg>\n</button>';

const accepted: Array<[string, string]> = [
  ['paragraphs, links and inline code', '<p>Run <code translate="no">kubectl</code> and see <a href="https://milvus.io/docs#x" target="_blank">docs</a>.</p>\n<p>Next</p>'],
  ['a heading with its anchor button (SVG)', `<h2 id="A" class="common-anchor-header">Title${ANCHOR}</h2><p>x</p>`],
  ['nested lists', '<ul>\n<li>one<ul><li>inner</li></ul></li>\n<li><strong>two</strong></li>\n</ul><ol start="3"><li>three</li></ol>'],
  ['a table with whitespace between its parts', '<table>\n<thead>\n<tr><th>NAME</th><th>ADDRESS</th></tr>\n</thead>\n<tbody>\n<tr><td>a</td><td><code>b</code><br/>c</td></tr>\n</tbody>\n</table>'],
  ['character references in text and attributes', '<p title="a &amp; b &quot;c&quot;">&lt;x&gt; &#39;q&#39; &#x41; &nbsp; R&D &1 & b</p>'],
  ['an attribute with a query string', '<p><img src="https://img.shields.io/badge/x?style=flat&logo=github&logoColor=white" alt="GitHub"/></p>'],
  ['a `<` that starts no tag', '<p>a <= b and c < d</p>'],
  ['comments', '<!-- start --><p>x<!-- in --></p>'],
  ['a line feed right after <pre> is dropped', '<pre>\nline one\nline two</pre>'],
  ['white space after that line feed: the text starts at the line feed, as parse5 places it', '<p>x<pre>\n release</pre><pre>\n\nabc</pre><pre>\n\t<b>b</b></pre><pre>\n\f</pre><pre>\n <!-- c --></pre><pre>\n </pre>'],
  ['a blanked code block', '<pre><code translate="no" class="language-shell">        \n      </code></pre>'],
  ['uppercase tags, unquoted and duplicate attributes', '<DIV class=a CLASS="b" data-x=1 hidden>t</DIV >'],
  ['a block ends an open paragraph', '<p>intro<div class="alert note"><p>n</p></div></p>'],
  ['`</p>` without a paragraph makes an empty one', '<div>x</div></p>'],
  ['`</br>` is a line break', '<p>a</br>b</p>'],
  ['an end tag without an element is ignored, the text around it stays one node', '<p>x</p>\n</div>\n<p>y</p>'],
  ['end tags before the first start tag are ignored', 'text</h2> more <p>x</p>'],
  ['`</ul>` closes its open item', '<ul><li>a</ul>'],
  ['`</td>` closes an open list', '<table><tbody><tr><td><ul><li>a</li><li>b</li></td></tr></tbody></table>'],
  ['unknown elements, closed or left open (a `<your_token>` placeholder)', '<p>Use <your_token> and <IndexParam>x</IndexParam> here</p>\n<ul><li>at least <smallProportion>!</li></ul>'],
  ['a heading closed across an unknown element', '<h3 id="x">Title <span>s</span><port></h3>'],
  ['a heading ends an open heading (the standard pops it)', '<p><h3 id="list">Syntax<h3></p>\n<pre><code>x</code></pre></h3><p>t</p>'],
  ['details and summary', '<details><summary>More</summary><p>x</p></details>'],
  ['astral characters and CJK', '<p>😀 日本語 ✓</p>\n<p>after</p>'],
  ['style text is raw up to `</style>` and leaves the paragraph open', '<div>\n<style scoped>\n  .dataframe tbody tr th:only-of-type { vertical-align: middle; }\n  a &amp; b <p> </STYLE>\n<p>x<style></style>y</p></div>'],
  ['a formatting end tag closes ordinary elements above it (`List<IndexParam>`)', '<p><strong>indexParams</strong> (<em>List<IndexParam></em>)\nA list</p><p><b>x<span>y</b>z</p>'],
  ['elements left open at the end of the page (the cognee pages\' alert)', '<div class="alert note"><p>x</p>\n<ul><li>a<em>b'],
  ['an element left open at the end, with nothing in it', '<p>x</p><div>'],
  ['`<tr.>` between rows: moved before the table, then a cell starts a row of its own (manage-collections.md)', '<table>\n<tbody>\n<tr><td>a</td></tr>\n<tr.>\n<td>b</td>\n</tr>\n</tbody>\n</table>'],
  ['an unknown element between rows of a table in a list item', '<ul><li><table><thead><tr><th>A</th></tr></thead><tbody><x-row> <th>b</th><td>c</td></tr><tr><td>d</td></tr></tbody></table></li></ul>'],
  ['tag names with a dot (hastscript reads what follows as a class name, for both)', '<p>a <x.y>b</x.y> c <v1.2>d</p>'],
  ['MathML as KaTeX writes it (comparison.md)', '<p>a <math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><mn>0.1</mn><mi>f</mi><mo separator="true">,</mo><msub><mi>x</mi><mn>2</mn></msub><mspace width="1em"/></mrow><annotation encoding="application/x-tex">0.1 f &amp; x_2</annotation></semantics></math> b</p>'],
  ['MathML in a table cell, closing across nothing', '<table><tbody><tr><td><math><mrow><mi>y</mi></mrow></math></td></tr></tbody></table>'],
  ['an empty page', ''],
  ['only text', 'plain text\nover lines'],
];

const declined: Array<[string, string]> = [
  ['misnested formatting (adoption agency)', '<p><strong>x</p>y</strong>'],
  ['a block inside formatting inside a paragraph', '<p><em>x<div>y</div></em></p>'],
  ['`</div>` through an open formatting element', '<div><em>x</div>'],
  ['a table cell outside a table (ignored by the standard)', '<td>x</td>'],
  ['a row directly in a table (implied tbody)', '<table><tr><td>x</td></tr></table>'],
  ['text directly in a table (foster parenting)', '<table>x<tbody></tbody></table>'],
  ['an unknown element between rows, then text', '<table><tbody><tr.>x<td>b</td></tr></tbody></table>'],
  ['an unknown element between rows, then a row', '<table><tbody><tr.><tr><td>b</td></tr></tbody></table>'],
  ['an unknown element between rows, then an end tag', '<table><tbody><tr.></tbody></table>'],
  ['an unknown element between rows, then a comment', '<table><tbody><tr.><!-- c --><td>b</td></tr></tbody></table>'],
  ['an unknown element between rows at the end of the page', '<table><tbody><tr.>'],
  ['an unknown element directly in a table', '<table><tr.><tbody></tbody></table>'],
  ['a link inside a link', '<a href="a">x<a href="b">y</a></a>'],
  ['an item inside an item', '<ul><li>a<li>b</li></ul>'],
  ['`</h3>` closing an h2', '<h2>a</h3>'],
  ['script (raw text)', '<script>alert(1)</script>'],
  ['style without its end tag', '<div><style>p{}</div>'],
  ['style ended by an end tag with attributes', '<style>p{}</style x>'],
  ['a self-closing style (the flag is ignored)', '<style/><p>x</p>'],
  ['style directly in a table (in-table rules)', '<table><style>p{}</style><tbody></tbody></table>'],
  ['a formatting end tag over another formatting element (reopened later)', '<p><em>a<b>b</em>c</b></p>'],
  ['a formatting end tag over a block (the furthest block of the adoption agency)', '<div><em>a<div>b</em>c</div></div>'],
  ['textarea (RCDATA)', '<textarea><b>x</b></textarea>'],
  ['a reference without `;` that a legacy name starts', '<p>a &amp b</p>'],
  ['a longer name starting with a legacy one', '<p>&notit;</p>'],
  ['a numeric reference the standard remaps', '<p>&#128;</p>'],
  ['`&` right before a line end (parse5 counts that line twice)', '<p>a &\nb</p>'],
  ['a doctype', '<!DOCTYPE html><p>x</p>'],
  ['a processing instruction (bogus comment)', '<?xml version="1.0"?><p>x</p>'],
  ['a self-closing non-void element (the flag is ignored)', '<div/><p>x</p>'],
  ['`<` at the end of the page (truncated)', '<p>x</p><'],
  ['an abrupt comment', '<!--><p>x</p>'],
  ['HTML inside SVG (breakout)', '<svg><p>x</p></svg>'],
  ['an SVG integration point', '<svg><foreignObject><p>x</p></foreignObject></svg>'],
  ['HTML inside MathML (breakout)', '<math><mrow><p>x</p></mrow></math>'],
  ['a tag inside a MathML text integration point (read as HTML)', '<math><mi><mrow>x</mrow></mi></math>'],
  ['an HTML integration point in MathML', '<math><annotation-xml encoding="text/html"><p>x</p></annotation-xml></math>'],
  ['a MathML attribute the standard adjusts', '<math definitionURL="x"><mi>y</mi></math>'],
  ['an end tag that closes across MathML', '<div><math><mrow><mi>y</div>'],
  ["an unknown element's end tag across a special element (ignored by the standard)", '<div><x-a><p>t</x-a></p></div>'],
  ['`</h2>` across another heading', '<h2>a<div><h3>b</h2>'],
  ['a carriage return (rewritten by the input stream)', '<p>a\rb</p>'],
];

describe('well-formed tree builder', () => {
  describe('accepts well-formed HTML and builds what rehype-parse builds', () => {
    it.each(accepted)('%s', (_name, html) => {
      const tree = buildWellFormedHtml(html);
      expect(tree).not.toBeNull();
      expect(tree).toStrictEqual(realParse(html));
    });
  });

  describe('declines where the standard does more than nest', () => {
    it.each(declined)('%s', (_name, html) => {
      expect(buildWellFormedHtml(html)).toBeNull();
    });
  });

  describe('hollow anchor buttons (for a caller that drops them)', () => {
    /** rehype-parse's tree with each anchor button's children removed. */
    const hollowed = (html: string) => {
      const tree = realParse(html);
      const hollow = (node: { type: string; tagName?: string; properties?: Record<string, unknown>; children?: unknown[] }): void => {
        if (node.type === 'element' && node.tagName === 'button' && String(node.properties?.className) === 'anchor-icon') node.children = [];
        for (const child of (node.children ?? []) as Array<typeof node>) hollow(child);
      };
      hollow(tree as never);
      return tree;
    };
    const exact = `<h2 id="A" class="common-anchor-header">Title${ANCHOR}</h2><p>x</p><h3 id="B">Next${ANCHOR.replace('#A', '#B')}</h3>`;

    it('builds a button exactly as Milvus renders it without its SVG, the rest as rehype-parse does', () => {
      const tree = buildWellFormedHtml(exact, { hollowAnchorButtons: true });
      expect(tree).toStrictEqual(hollowed(exact));
      expect(tree).not.toStrictEqual(realParse(exact));
    });

    it.each([
      ['a second path', ANCHOR.replace('</path>', '</path><path d="x"></path>')],
      ['a reference in an attribute', ANCHOR.replace('M4 9h1', 'M4&amp;9h1')],
      ['text in the button', ANCHOR.replace('</svg>', '</svg>Link')],
      ['another class', ANCHOR.replace('anchor-icon', 'anchor-icon big')],
    ])('builds any other button in full (%s)', (_name, button) => {
      const html = `<h2 id="A">Title${button}</h2>`;
      expect(buildWellFormedHtml(html, { hollowAnchorButtons: true })).toStrictEqual(realParse(html));
    });

    it('still declines a page that is not well-formed around the button', () => {
      expect(buildWellFormedHtml(`<h2 id="A">Title${ANCHOR}<table><p>x</p></table></h2>`, { hollowAnchorButtons: true })).toBeNull();
    });
  });

  it('reads every attribute wherever another reader left the shared attribute pattern (seed 33)', () => {
    // The direct reader leaves it mid-source when it declines a page in an attribute.
    const html = '<p><svg viewBox="0 0 1 1"><path d="M0"></path></svg><math><mi mathvariant="bold-italic-x">x</mi></math></p><h2 id="left-mid-source" class="x">T</h2>';
    ATTRIBUTE.lastIndex = 8;
    expect(buildWellFormedHtml(html)).toStrictEqual(realParse(html));
  });

  it('agrees with rehype-parse on every damaged seed page it accepts', async () => {
    const pages: string[] = [];
    for (const name of (await readdir(SEEDS)).filter((file) => file.endsWith('.txt'))) {
      const source = await readSource(join(SEEDS, name));
      pages.push(splitFrontMatter(source.path, source.text).maskedText);
    }
    for (const page of pages) expect(buildWellFormedHtml(page), 'an undamaged seed page is well-formed').not.toBeNull();

    const random = mulberry32(20261124);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    let acceptedCount = 0;
    const mismatches: string[] = [];
    for (let round = 0; round < 150; round++) {
      let html = pick(pages);
      for (let edit = 0, edits = 1 + Math.floor(random() * 3); edit < edits; edit++) {
        const at = Math.floor(random() * (html.length + 1));
        const kind = random();
        if (kind < 0.6) html = html.slice(0, at) + pick(DAMAGE) + html.slice(at);
        else if (kind < 0.8) html = html.slice(0, at) + html.slice(at + 1 + Math.floor(random() * 8));
        else {
          const from = Math.floor(random() * html.length);
          html = html.slice(0, at) + html.slice(from, from + 24) + html.slice(at);
        }
      }
      const tree = buildWellFormedHtml(html);
      if (tree === null) continue;
      acceptedCount++;
      try {
        expect(tree).toStrictEqual(realParse(html));
      } catch {
        mismatches.push(html);
      }
    }
    expect(mismatches).toEqual([]);
    // The damage must leave enough pages well-formed for the comparison to mean something.
    expect(acceptedCount).toBeGreaterThan(30);
  });
});

/** Markup that damages a page the ways translators' edits do. */
const DAMAGE = [
  '</p>', '<p>', '<div>', '</div>', '<li>', '</li>', '<ul>', '</ul>', '<td>', '</td>', '<tr>', '</tr>', '<table>', '</table>', '&amp', '&amp;', '&notit;', '&#128;', '&#x41;',
  '<br/>', '</br>', '<!-- x -->', '<!-->', '</a>', '<a href="x">', '<strong>', '</strong>', '<em>', '</em>', '<h2>', '</h2>', '<h3 id="a">', '</h3>', '<pre>\n', '</pre>',
  '<code>', '</code>', '<button>', '</button>', '<svg>', '</svg>', '<path d="x"/>', '<img src=x>', '<hr>', '<dd>', '<details>', '</summary>', '< ', '<', '&', '\n',
  '<span class="a b">', '</span>', '<p/>', '<DIV>', '</DIV >', "<a b=1 c='2' d>", '<td>x</td>', '<i>', '</i>', '<li>a<li>b', '<p>a<p>b', '<your_token>', '</your_token>', '<smallProportion>', '<x-a>',
];

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
