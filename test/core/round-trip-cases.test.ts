/**
 * The markup that broke the corpus round trip, one case per failure class, small enough to read:
 * each Milvus snippet must give the expected model, and its imported Markdown the same shape.
 */
import { describe, expect, it } from 'vitest';
import { milvusPageToMarkdown } from '../../src/core/import/to-markdown.ts';
import { parseGuideText } from '../../src/core/parse/index.ts';
import { guideShape } from '../../src/core/shape.ts';
import { decodeSource } from '../../src/core/source.ts';

const FRONT = '---\nid: case.md\ntitle: Case\n---\n';

function roundTrip(html: string) {
  const source = decodeSource('en/case.md', new TextEncoder().encode(FRONT + html));
  const fromHtml = parseGuideText('en/case.md', FRONT + html).guide;
  const markdown = milvusPageToMarkdown(source);
  const fromMarkdown = parseGuideText('en/case.md', markdown).guide;
  expect(fromHtml.format).toBe('milvus-html');
  expect(fromMarkdown.format).toBe('markdown');
  expect(guideShape(fromMarkdown)).toEqual(guideShape(fromHtml));
  expect(milvusPageToMarkdown(source)).toBe(markdown);
  return { fromHtml, fromMarkdown, markdown };
}

const table = (cell: string) => `<h2 id="Params">Params</h2><table><thead><tr><th>Name</th><th>Values</th></tr></thead><tbody><tr><td>mode</td><td>${cell}</td></tr></tbody></table>\n`;

describe('corpus failure classes', () => {
  it('Milvus tab bars (multipleCode, filter) keep their labels but not their script-only links', () => {
    const html = '<h2 id="Create">Create</h2><div class="multipleCode">\n  <a href="#python">Python </a>\n  <a href="#java">Java</a>\n</div>\n<pre><code translate="no" class="language-python">x = 1\n<button class="copy-code-btn"></button></code></pre>\n<div class="filter">\n  <a href="#floating">Floating point</a>\n</div>\n';
    const { fromHtml, markdown } = roundTrip(html);
    const steps = fromHtml.sections[0]!.steps;
    expect(steps.map((step) => (step.kind === 'prose' ? step.text : step.kind))).toEqual(['Python · Java', 'code', 'Floating point']);
    expect(markdown).not.toContain('](#');
  });

  it('<br> in a table cell: a break in the model, `<br>` in the Markdown, a break again when read back', () => {
    const { fromHtml, fromMarkdown, markdown } = roundTrip(table('Python<br>gRPC'));
    expect(markdown).toContain('| mode | Python<br>gRPC |');
    for (const guide of [fromHtml, fromMarkdown]) {
      const step = guide.sections[0]!.steps[0]!;
      expect(step.kind).toBe('table');
      if (step.kind !== 'table') return;
      expect(step.rows[1]![1]!.map((node) => node.type)).toEqual(['text', 'break', 'text']);
    }
  });

  it('a list in a table cell: one line per item, joined by breaks', () => {
    const { fromHtml, markdown } = roundTrip(table('Valid values:\n<ul>\n<li><code translate="no">local</code>: local disk.</li>\n<li><code translate="no">remote</code>: object storage.</li>\n</ul>'));
    expect(markdown).toContain('| mode | Valid values:<br>`local`: local disk.<br>`remote`: object storage. |');
    const step = fromHtml.sections[0]!.steps[0]!;
    if (step.kind !== 'table') throw new Error('expected a table');
    expect(step.rows[1]![1]!.map((node) => node.type)).toEqual(['text', 'break', 'inlineCode', 'text', 'break', 'inlineCode', 'text']);
  });

  it('<li> items straight in a table cell (no <ul>)', () => {
    const { markdown } = roundTrip(table('<li>Default: auto</li><li>Valid: [auto, avx512]</li>'));
    expect(markdown).toContain('| mode | Default: auto<br>Valid: \\[auto, avx512] |');
  });

  it('<li> items straight in an alert box: a list in the aside', () => {
    const { fromHtml } = roundTrip('<h2 id="Note">Note</h2><div class="alert note">\n<li>Names are case-sensitive.</li>\n<li>Use "*" for all.</li>\n</div>\n');
    expect(guideShape(fromHtml).sections[0]!.steps).toEqual([
      { kind: 'aside', variant: 'note', steps: [{ kind: 'list', ordered: false, items: [[{ kind: 'prose', text: 'Names are case-sensitive.' }], [{ kind: 'prose', text: 'Use "*" for all.' }]] }] },
    ]);
  });

  it('a code block the HTML parser put inside a heading (`<p><h3>Syntax<h3></p><pre>…`)', () => {
    const { fromHtml } = roundTrip('<h2 id="list">list</h2><p>Lists all.</p>\n<p><h3 id="list">Syntax<h3></p>\n<pre><code translate="no" class="language-shell">list collections\n<button class="copy-code-btn"></button></code></pre>\n<p><h3 id="list">Options<h3></p>\n<p>None.</p>\n');
    const shape = guideShape(fromHtml);
    expect(shape.sections.map((section) => [section.depth, section.title])).toEqual([
      [2, 'list'],
      [3, 'Syntax'],
      [3, 'Options'],
    ]);
    expect(shape.sections[1]!.steps).toEqual([{ kind: 'code', lang: 'shell', role: 'command', fileName: null, text: 'list collections' }]);
    expect(shape.sections[2]!.steps).toEqual([{ kind: 'prose', text: 'None.' }]);
  });

  it('an unknown element (`<tr.>`) the HTML parser moved out of its table', () => {
    const { fromHtml, markdown } = roundTrip('<h2 id="T">T</h2><table><thead><tr><th>A</th></tr></thead><tbody><tr.><td>1</td></tr><tr><td>2</td></tr></tbody></table>\n');
    expect(markdown).not.toMatch(/^\|\s*\|$/m);
    expect(guideShape(fromHtml).sections[0]!.steps).toEqual([{ kind: 'table', rows: [['A'], ['1'], ['2']] }]);
  });

  it('a link around a whole table (`<a href><table>…</table></a>`): a table whose cells are links', () => {
    const { fromHtml, markdown } = roundTrip('<h2 id="T">T</h2><a href="https://example.com/x"><table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td></td></tr></tbody></table></a>\n<p>After.</p>\n');
    expect(guideShape(fromHtml).sections[0]!.steps).toEqual([{ kind: 'table', rows: [['A', 'B'], ['1', '']] }, { kind: 'prose', text: 'After.' }]);
    expect(markdown).toContain('| [A](https://example.com/x) | [B](https://example.com/x) |');
  });

  it('a row straight under a link in a table (`<a><table/><th>v`) is a row, not a failure of the checker', () => {
    const { fromHtml } = roundTrip('<h2 id="T">T</h2><a><table/><th >v</th></table>\n<p>After.</p>\n');
    expect(guideShape(fromHtml).sections[0]!.steps).toEqual([{ kind: 'table', rows: [['v']] }, { kind: 'prose', text: 'After.' }]);
  });

  it('line ends before the copy button are not code', () => {
    const { fromHtml } = roundTrip('<h2 id="T">T</h2><pre><code translate="no" class="language-bash">terraform apply\n\n\n<button class="copy-code-btn"></button></code></pre>\n');
    expect(guideShape(fromHtml).sections[0]!.steps).toEqual([{ kind: 'code', lang: 'bash', role: 'command', fileName: null, text: 'terraform apply' }]);
  });
});
