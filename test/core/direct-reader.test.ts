/**
 * The direct reader (direct-reader.ts) reads a Milvus page straight into mdast. For every page it
 * takes, the result must be the tree path's, node for node and place for place; every page it
 * cannot read exactly it must decline, saying why. Valid rows: markup the reader takes, compared
 * with the tree path (directReader: false) and with the plain path (hast-util-to-mdast itself).
 * Declined rows: markup it leaves to the tree path. The corpus suite checks all 972 pages.
 */
import { describe, expect, it } from 'vitest';
import { splitFrontMatter } from '../../src/core/frontmatter.ts';
import { scanCodeBlocks } from '../../src/core/parse/code-scan.ts';
import { declineReason } from '../../src/core/parse/direct-reader.ts';
import { milvusHtmlToMdast } from '../../src/core/parse/milvus-html.ts';

const COPY = '<button class="copy-code-btn"></button>';
const block = (content: string, lang = 'bash') => `<pre><code translate="no" class="language-${lang}">${content}\n${COPY}</code></pre>`;
const anchor = (id: string) =>
  `<button data-href="#${id}" class="anchor-icon" translate="no">\n      <svg translate="no"\n        aria-hidden="true"\n        viewBox="0 0 16 16"\n      >\n        <path\n          fill="#0092E4"\n          d="M4 9h1"\n        ></path>\n      </svg>\n    </button>`;

/**
 * `warned`: the rules of the tree path's warnings for the markup, which the reader must give too.
 * `endsOpen`: the markup leaves elements open, for the end of the page to close; `startsPage`: it
 * must start the page.
 */
const valid: Array<{ name: string; html: string; warned?: string[]; endsOpen?: true; startsPage?: true }> = [
  { name: 'a text that vanishes keeps the space rule as it was (milvus_adopters.md: image, then its caption)', html: '<p>\n   <span class="img-wrapper"> <img src="/a.png" alt="Milvus Adopters" />\n   </span> <span class="img-wrapper"> <span>Milvus-Anwender</span> </span></p>' },
  { name: 'a space before an image stays; after it, white space shows again', html: '<p>a <img src="x.png" alt=" two  words "> b</p>' },
  { name: 'spaces at the edges of inline elements', html: '<p><strong>Note: </strong>text <a href="#x" title=" a  title "> link </a>.</p>' },
  { name: 'a comment keeps the texts around it apart', html: '<p>a <!-- note --> b</p>\n<!-- between -->\n<p>c</p>' },
  { name: 'headings with the Milvus anchor button and their ids', html: `<h1 id="Title" class="common-anchor-header">Title${anchor('Title')}</h1><p>Intro.</p>\n<h2 id="" class="common-anchor-header">No id${anchor('x')}</h2>` },
  { name: 'links to the Milvus site, fragments and link targets', html: '<p>See <a href="/docs/install.md">install</a>, <a href="#top">top</a> and <a id="here">here</a>.</p>' },
  { name: 'inline code read as hast-util-to-text reads it', html: '<p>Use <code> a  b </code> or <code></code>.</p>' },
  { name: 'character references in text and attributes; a lone `&`', html: '<p>a &amp; b & c &lt;x&gt; &nbsp;d <a href="https://x.test/?a=1&b=2&amp;c=3">q</a></p>' },
  { name: '`</br>` is a break without a place', html: '<p>one</br>two <br>three<br/></p>' },
  { name: 'a paragraph ended by a block start, then a `</p>` with no paragraph open', html: '<div><p>text<div>inside</div></p><p>next</p></div>' },
  { name: 'a paragraph ended by the end tag of its parent', html: '<div class="alert note"><p>text <em>here</em></div><p>after</p>' },
  { name: 'a paragraph ended by a code block', html: `<p>Run:${block('ls -l')}<p>done</p>` },
  { name: 'nested lists: spread items and ordered starts', html: '<ul>\n<li><p>a</p><ul><li>b</li><li>c</li></ul></li>\n<li>d</li>\n</ul><ol start="3"><li>x</li><li>y</li></ol><ol><li>z</li></ol>' },
  { name: 'list items outside a list become one list (with the white space between them)', html: '<div><li>x</li>\n<li>y</li> z</div><table><tbody><tr><td><li>a</li></td></tr></tbody></table>' },
  { name: 'alert boxes of each kind, tab bars and plain divs', html: '<div class="alert warning"><p>Careful</p></div><div class="admonition tip">Tip <b>bold</b></div><div class="multipleCode"><a href="#python">Python </a>\n<a href="#java">Java</a></div><div class="language-python">text</div>' },
  { name: 'tables: with a head, headless, a `th` in the first row, short rows, lists and code in cells', html: `<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table><table><tbody><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></tbody></table><table><tbody><tr><th>h</th></tr><tr><td><ul><li>x</li></ul>${block('echo 1')}</td></tr></tbody></table>` },
  { name: 'details, summary, block quotes, rules, styles', html: '<style>p { color: red }</style><details><summary>More</summary><p>d</p></details><blockquote><p>q</p></blockquote><hr><p>sub<sub>2</sub> sup<sup>3</sup> <i>i</i> <b>b</b></p>' },
  { name: 'code blocks with their language, in a list item and at the top', html: `<ol><li><p>Install:</p>${block('<span class="hljs-built_in">echo</span> &quot;a&quot;')}</li></ol>${block('key: value', 'yaml')}` },
  { name: 'text outside any element', html: 'loose text <em>and</em> more' },
  { name: 'code blocks in a comment, in a style and in an attribute are no blocks (notebook output in <style>)', html: `<!-- ${block('hidden')} --><style scoped>.x{}\n${block('styled')}</style><p><a href="#t" title="${block('in attr').replace(/"/g, "'")}">t</a></p>${block('real')}` },
  { name: 'a `<pre>` without `<code>` (notebook output): its line feed after `<pre>` dropped, spans and references read', html: '<p>Out:</p><pre style="white-space:pre;font-family:Menlo,\'Courier New\',monospace">\n✨ <span style="color: #6a00ff">Metric</span> &amp; more\n\n</pre><pre class="language-text">\n\nkept\n</pre><pre></pre>' },
  { name: '`<font>` and `<small>` read as their content (font is no phrasing to spreadout)', html: '<ul><li><font color="red">Red</font> and <small>small</small></li><li><font>x</font><p>y</p></li></ul>' },
  { name: 'placeholders written as tags, closed by the paragraph, a formatting end tag, a new paragraph and a list item (warned)', html: '<p>kubectl logs <pod-name> -n <NameSpace/> now</p><p><em>List<IndexParam></em> and <b>b <your_username>:<your_password></b> c<p>http://localhost:<port>/api<h2>x</h2><ul><li>a <x_y-z>b <code>c</code></li><li>d</li></ul>', warned: Array(7).fill('source/unknown-tag') },
  { name: 'a placeholder after flow in a list item makes the item spread, as spreadout sees it', html: '<ul><li><font>x</font> then <user>y</li><li>z</li></ul><ul><li>a <user> b</li></ul>', warned: ['source/unknown-tag', 'source/unknown-tag'] },
  { name: 'links without a target: a misspelt `href`, none at all, and link targets (only the first two warned)', html: '<p>See <a herf="x.md">X <em>y</em></a>, <a\n  class="c" hreff="y.md">Y</a> and <a>Z</a>.</p><p><a id="t">T</a> <a name="n">N</a></p>', warned: ['source/link-without-target', 'source/link-without-target', 'source/link-without-target'] },
  { name: 'a `</div>` or `</a>` with none open is not there: the text around it stays one (multi_tenancy.md, build_RAG_with_milvus_and_cognee.md)', html: '<p>a</p>\n</div>\n<p>b</div>c</p><div>d</div></div> e<p></a></p><p>f <a href="x.md">g</a></a> h</p><p>i </a><a href="y.md">j</a></p>', warned: [] },
  { name: 'cell spans, as the library spreads them: beside, below, capped, and values that are no numbers (clustering-compaction.md)', html: '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td rowspan="2">x</td><td>y</td></tr><tr><td>z</td></tr></tbody></table><table><tbody><tr><td colspan="3">wide</td></tr><tr><td rowspan="x">a</td><td colspan="">b</td><td rowspan="0">c</td><td colspan=" 2 ">d</td><td rowspan="2.5" colspan="2">e</td></tr><tr><th ROWSPAN="2" rowspan="3">f</th><td rowspan="100000000">g</td></tr></tbody></table>', warned: [] },
  { name: 'a cell\'s end tag closes what is open in the cell, warned where an end tag is required (metric.md: a list left open)', html: '<table><tbody><tr><td><ul><li>a</li><li>b</td><td>c</td></tr><tr><td><div><p>x <em>y</td><td><ul><li>z</a></td></tr></tbody></table>', warned: ['source/unclosed-element', 'source/unclosed-element', 'source/unclosed-element', 'source/unclosed-element'] },
  { name: 'MathML is passed over as the library ignores it, embedded content to the whitespace pass (comparison.md: KaTeX)', html: '<p>x is <math><mi>a</mi><mo>+</mo></math> ok</p><p>y <math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><mn>0.1</mn></mrow><annotation encoding="application/x-tex">0.1 \\lt x</annotation></semantics></math></p><p>a<math><mi>b</mi></math></p><p><math><mi>c</mi></math> d</p><div><p>e <math><mi>f</mi></math>\n<div>g</div></p></div>', warned: [] },
  { name: 'a paragraph closed without its end tag ends at its last child, not at an ignored end tag after it (an empty placeholder ends where the paragraph is closed)', html: '<div><p>a</a><div>b</div></div>\n<div><p>c</a></div>\n<div><p></a><div>d</div></div>\n<div><p>g <x></a></div>', warned: ['source/unknown-tag'] },
  { name: 'so does one the end of the page closes', html: '<p>e <em>f</em></a>\n', warned: [], endsOpen: true },
  { name: 'end tags before the content starts are ignored, as in a fragment (a page cut short: text, then `</p>`)', html: 'a</p> b</div>\n<style>p{}</style></li>c<p>d</p>', warned: [], startsPage: true },
  { name: 'an alert box never closed holds the rest of the page (build_RAG_with_milvus_and_cognee.md), warned at its start', html: '<p>a</p><div class="alert note">\n<p>x <your_name></p><h2 id="a">A</h2><p>t <em>u</em></p>\n', warned: ['source/unclosed-element', 'source/unknown-tag'] , endsOpen: true },
  { name: 'elements the end of the page closes: only those whose end tag the standard requires are warned about (details, table, a)', html: '<details><summary>s</summary><ul><li>a <strong>b</strong></li><li>c</li></ul><table><thead><tr><th>h</th></tr></thead><tbody><tr><td>d <a href="y.md">link', warned: ['source/unclosed-element', 'source/unclosed-element', 'source/unclosed-element'] , endsOpen: true },
  { name: 'a `<div>` never closed after one that is: the tree path sees an end tag where it ends, and does not warn', html: '<div><div>x</div>', warned: [] , endsOpen: true },
  { name: 'a placeholder in a table cell, a heading and a link', html: '<table><thead><tr><th>Key</th></tr></thead><tbody><tr><td>set <value></td></tr></tbody></table><h3 id="h">Use <name></h3><p><a href="x.md">see <page></a> after</p>', warned: ['source/unknown-tag', 'source/unknown-tag', 'source/unknown-tag'] },
];

const declined: Array<{ name: string; html: string; reason: string }> = [
  { name: 'a placeholder with attributes', html: '<p>kubectl logs <pod-name a="1"></p>', reason: '<pod-name> with attributes' },
  { name: 'a placeholder followed by a block it would hold', html: '<ul><li>set <value><ul><li>x</li></ul></li></ul>', reason: '<ul> after a placeholder' },
  { name: 'a placeholder followed by a code block it would hold', html: `<div>run <cmd>${block('ls')}</div>`, reason: '<pre> after a placeholder' },
  { name: 'a placeholder holding the empty paragraph of a lone `</p>`', html: '<div>a <x></p>b</div>', reason: 'an empty paragraph in a placeholder' },
  { name: 'a placeholder with its end tag (which closes what opened after it)', html: '<p><x>a<em>b</x>c</em></p>', reason: '<x>' },
  { name: 'a placeholder between table rows (the parser moves it out of the table)', html: '<table><tbody><tr><td>a</td></tr><row><td>b</td></tr></tbody></table>', reason: '<row> in <tbody>' },
  { name: 'a name with a dot (hastscript reads it as a tag with a class)', html: '<p>a <x.y>b</p>', reason: '<x.y>' },

  { name: 'a cell\'s end tag that is not the open cell\'s (the parser ignores it)', html: '<table><tbody><tr><th><ul><li>a</td></li></ul></th></tr></tbody></table>', reason: '</td> closing <li>' },
  { name: 'MathML holding an HTML tag that breaks out of it', html: '<p><math><mi>a</mi><span>b</span></math></p>', reason: '<math> holding markup the parser reads otherwise' },
  { name: 'MathML with a comment, or without its end tag', html: '<p><math><!-- c --><mi>a</mi></math></p>', reason: '<math> holding markup' },
  { name: 'MathML in inline code (whose text holds MathML\'s)', html: '<p><code>f <math><mi>x</mi></math></code></p>', reason: '<math> in inline code or a link' },
  { name: 'a self-closing `<math/>` (an empty element in foreign content)', html: '<p><math/>a</math></p>', reason: '<math/>' },
  { name: 'a cell with another attribute that changes the result', html: '<table><tbody><tr><td rowspan="2" align="left">a</td></tr></tbody></table>', reason: 'the attributes' },
  { name: 'a table in a table', html: '<table><tbody><tr><td><table><tbody><tr><td>x</td></tr></tbody></table></td></tr></tbody></table>', reason: 'a table in a table' },
  { name: 'a list item start inside a list item (the standard closes the open one)', html: '<ul><li>a <li>b</li></li></ul>', reason: 'a <li> in a list item' },
  { name: 'misnested end tags', html: '<p><strong>a</p></strong>', reason: '</p> closing <strong>' },
  { name: 'a row straight in a table (the parser adds a tbody)', html: '<table><tr><td>a</td></tr></table>', reason: '<tr> in <table>' },
  { name: 'a code block the scanner left to the parser', html: '<pre><code>a<br>b</code></pre>', reason: '<pre>' },
  { name: 'a `<pre>` holding other markup than spans', html: '<pre>a <b>b</b></pre>', reason: '<pre>' },
  { name: 'a tab bar with a link that is only a target (its label is read from the element)', html: '<div class="multipleCode"><a id="py">Python</a><a href="#java">Java</a></div>', reason: 'a tab bar with a link without a target' },
  { name: 'a carriage return', html: '<p>a\r\nb</p>', reason: 'NUL or CR' },
  { name: 'a character reference the standard treats subtly', html: '<p>&ampx; &#128;</p>', reason: 'character reference' },
];

function read(html: string) {
  return {
    fast: milvusHtmlToMdast(html, 'page.md'),
    tree: milvusHtmlToMdast(html, 'page.md', { directReader: false }),
    plain: milvusHtmlToMdast(html, 'page.md', { scanCode: false, libraryWhitespace: true, wellFormedTree: false }),
  };
}

describe('direct reader', () => {
  describe('valid: read directly, the same mdast as the tree path', () => {
    for (const { name, html, warned } of valid) {
      it(name, () => {
        const { fast, tree, plain } = read(html);
        expect(declineReason(html, scanCodeBlocks(html))).toBeNull();
        expect(fast.read).toBe('direct');
        expect(fast.tree).toStrictEqual(tree.tree);
        expect(fast.tree).toEqual(plain.tree);
        expect(fast.warnings).toStrictEqual(tree.warnings);
        expect(fast.warnings).toEqual(plain.warnings);
        expect(fast.warnings.map((warning) => warning.ruleId)).toEqual(warned ?? []);
      });
    }
  });

  describe('declined: left to the tree path, with the reason', () => {
    for (const { name, html, reason } of declined) {
      it(name, () => {
        expect(declineReason(html, scanCodeBlocks(html))).toContain(reason);
        expect(milvusHtmlToMdast(html, 'page.md').read).toBe('tree');
      });
    }
  });

  it('reads a page from its first character when told where the body starts, as its masked text reads', () => {
    for (const body of ['<p>Intro</p>\n<pre><code class="language-bash">ls\n</code></pre>', 'Text first, then <em>more</em>\n<p>x</p>', '<pre><code>at once\n</code></pre>']) {
      // A front matter that looks like markup: only the body is read.
      const page = `---\nid: a.md\nsummary: use <pre><code>x</code></pre> and <p>\n---\n${body}`;
      const { maskedText, bodyStart } = splitFrontMatter('a.md', page);
      const fromPage = milvusHtmlToMdast(maskedText, 'a.md', { page: { text: page, bodyStart } });
      expect(fromPage.read).toBe('direct');
      expect(fromPage).toStrictEqual(milvusHtmlToMdast(maskedText, 'a.md'));
      expect(fromPage.tree).toStrictEqual(milvusHtmlToMdast(maskedText, 'a.md', { directReader: false }).tree);
    }
  });

  it('keeps the key order of the tree path (the JSON of both is the same)', () => {
    // One page of every row, the rows that leave elements open last.
    const html = [...valid.filter((row) => !row.endsOpen && !row.startsPage), valid.find((row) => row.endsOpen)!].map((row) => row.html).join('\n');
    const { fast, tree } = read(html);
    expect(fast.read).toBe('direct');
    expect(JSON.stringify(fast.tree)).toBe(JSON.stringify(tree.tree));
  });
});
