/**
 * source/unknown-tag, source/unclosed-element, source/misplaced-in-table and
 * source/link-without-target: markup a browser repairs by hiding or moving what the author wrote,
 * or shows otherwise than meant (src/core/parse/html-recoveries.ts). The invalid cases are the
 * corpus's own (`<port>`, an alert `<div>` never closed, `<tr.>`, `<a herf>`).
 */
import { describe, expect, it } from 'vitest';
import { parseGuideText } from '../../src/core/parse/index.ts';
import { guideShape } from '../../src/core/shape.ts';

const FRONT = '---\nid: page.md\ntitle: Page\n---\n';
/** The first line of the body is line 5 of the file. */
const page = (body: string): string => `${FRONT}<h1 id="Page">Page</h1>${body}\n`;

function warningsOf(body: string): Array<{ line: number; column: number; rule: string; severity: string; message: string }> {
  return parseGuideText('en/page.md', page(body)).messages.map((message) => ({
    line: message.line!,
    column: message.column!,
    rule: message.ruleId!,
    severity: message.fatal === false ? 'warning' : String(message.fatal),
    message: message.reason,
  }));
}

describe('HTML that browsers repair by hiding or moving it', () => {
  const valid: Array<[string, string]> = [
    ['a placeholder written as text', '<p>Open http://localhost:&lt;port&gt;/docs.</p>'],
    ['a placeholder in inline code, written as text', '<p>Run <code translate="no">kubectl logs &lt;pod-name&gt;</code>.</p>'],
    ['end tags the standard lets authors leave out', '<p>One<p>Two\n<ul><li>a<li>b</ul>\n<table><thead><tr><th>A<tbody><tr><td>1</table>'],
    ['void elements', '<p>One<br>two<img src="/a.png" alt="a"><hr></p>'],
    ['legacy void elements', '<p>Key <keygen name="k"> and font <basefont size="3"> and sound <bgsound src="a.wav">.</p>'],
    ['elements the tree construction has no special rule for', '<p>Press <kbd>Ctrl</kbd>, <del>old</del> <ins>new</ins>, <abbr>HTML</abbr>, <q>quoted</q>, <mark>marked</mark>, <time>now</time>.</p>'],
    ['end tags spelled otherwise', '<div class="alert note"><p>Note.</p></DIV >\n<p>After.</p>'],
    ['MathML, whose elements are not HTML ones', '<p><math><mrow><mi>x</mi><mo>+</mo><mn>1</mn></mrow></math></p>'],
    ['a closed alert', '<div class="alert note"><p>Note.</p></div>\n<p>After.</p>'],
    ['a well-formed table', '<table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>'],
    ['links with a target, an empty one (the page itself) and one in capitals included', '<p><a href="/docs/a.md">A</a>, <a href="">top</a>, <A HREF="#b">B</A>, <a\n  class="x" href="c.md">C</a></p>'],
    ['link targets written as `<a id>` and `<a name>`', '<p><a id="old-anchor"></a><a name="older-anchor">Here</a></p>'],
    ['an attribute that only resembles `href`', '<p><a href="a.md" herf="b.md">A</a></p>'],
  ];
  for (const [name, body] of valid) {
    it(`gives nothing for ${name}`, () => {
      expect(warningsOf(body)).toEqual([]);
    });
  }

  it('warns of a placeholder written as a tag, where it stands (milvus_backup_api.md)', () => {
    expect(warningsOf('<p>Open http://localhost:<port>/docs.</p>')).toEqual([
      {
        line: 5,
        column: 49,
        rule: 'source/unknown-tag',
        severity: 'warning',
        message: 'Unexpected tag `<port>`, expected text: browsers take it for an element and show nothing of it (write `&lt;port&gt;`)',
      },
    ]);
  });

  it('warns once of an unclosed formatting element the parser reopens in every block after it', () => {
    expect(warningsOf('<ul><li><p>Deploy on<u> clouds:</p>\n<ul>\n<li><a href="/a">EKS</a></li>\n<li><a href="/b">GKE</a></li>\n</ul></li></ul>\n<p>After.</p>').map((warning) => [warning.line, warning.column, warning.rule])).toEqual([
      [5, 44, 'source/unclosed-element'],
    ]);
  });

  it('keeps the case of the tag as written (`<IndexParam>` in index-scalar-fields.md)', () => {
    expect(warningsOf('<ul>\n<li><em>List<IndexParam></em></li>\n</ul>').map((warning) => [warning.line, warning.column, warning.message])).toEqual([
      [6, 13, 'Unexpected tag `<IndexParam>`, expected text: browsers take it for an element and show nothing of it (write `&lt;IndexParam&gt;`)'],
    ]);
  });

  it('warns of an alert never closed, which takes in the rest of the page (build_RAG_with_milvus_and_cognee.md)', () => {
    const body = '<div class="alert note">\n<p>Set the URL.</p>\n<h2 id="Next">Next</h2><p>After the note.</p>';
    expect(warningsOf(body)).toEqual([
      {
        line: 5,
        column: 24,
        rule: 'source/unclosed-element',
        severity: 'warning',
        message: 'Unexpected `<div>` without `</div>`, expected its end tag: browsers end it only where something else ends, and take in what follows',
      },
    ]);
    // The page itself is read as a browser shows it: the heading is inside the alert.
    const shape = guideShape(parseGuideText('en/page.md', page(body)).guide);
    expect(shape.sections.map((section) => section.title)).toEqual(['Page']);
    expect((shape.sections[0]!.steps as Array<{ kind: string }>).map((step) => step.kind)).toEqual(['aside']);
  });

  it('warns of a list left open in a table cell (metric.md)', () => {
    const body = '<table><tbody><tr><td><ul><li>L2</li><li>IP</li></td><td>FLAT</td></tr></tbody></table>';
    expect(warningsOf(body).map((warning) => [warning.line, warning.column, warning.rule])).toEqual([[5, 46, 'source/unclosed-element']]);
  });

  it('warns once of a heading end tag written as a start tag, at that tag (cli_commands.md)', () => {
    expect(warningsOf('\n<p><h3 id="list">Syntax<h3></p>\n<pre><code class="language-shell">list collections\n</code></pre>')).toEqual([
      {
        line: 6,
        column: 24,
        rule: 'source/unclosed-element',
        severity: 'warning',
        message: "Unexpected `<h3>` where the heading's end tag belongs, expected `</h3>`: browsers start a second heading there, which takes in what follows",
      },
    ]);
  });

  it('warns of each heading left open when the next one is closed (no typo of an end tag)', () => {
    expect(warningsOf('\n<h3 id="a">A<h3 id="b">B</h3>').map((warning) => [warning.line, warning.column, warning.message])).toEqual([
      [6, 1, 'Unexpected `<h3>` without `</h3>`, expected its end tag: browsers end it only where something else ends, and take in what follows'],
    ]);
  });

  it('warns of a row written `<tr.>`, which browsers move before the table (manage-collections.md)', () => {
    const body = '<table>\n<tbody>\n<tr><td>a</td></tr>\n<tr.>\n<td>b</td>\n</tr>\n</tbody>\n</table>';
    expect(warningsOf(body)).toEqual([
      {
        line: 8,
        column: 1,
        rule: 'source/misplaced-in-table',
        severity: 'warning',
        message: 'Unexpected `<tr.>` inside a table, expected rows and cells only: browsers move it before the table',
      },
    ]);
  });

  it('shows stray text that starts with `<` (found by fuzzing: it was shown as an empty code span)', () => {
    const body = '<table><tbody><tr><td>a</td></tr>< b<tr><td>b</td></tr></tbody></table>';
    expect(warningsOf(body).map((warning) => [warning.line, warning.column, warning.message])).toEqual([
      [5, 57, 'Unexpected `< b` inside a table, expected rows and cells only: browsers move it before the table'],
    ]);
  });

  it('warns of text between rows where it starts (the parser joins all such text of a table into one)', () => {
    const body = '<table><tbody><tr><td>a</td></tr>stray<tr><td>b</td></tr>more</tbody></table>';
    expect(warningsOf(body).map((warning) => [warning.line, warning.column, warning.message])).toEqual([
      [5, 57, 'Unexpected `stray` inside a table, expected rows and cells only: browsers move it before the table'],
    ]);
  });

  it('warns of an element and text moved out of one table, in the order written', () => {
    const body = '<table><tbody><tr><td>a</td></tr>\n<p>moved</p>\n<tr><td>b</td></tr>stray</tbody></table>';
    expect(warningsOf(body).map((warning) => [warning.line, warning.column, warning.message])).toEqual([
      [6, 1, 'Unexpected `<p>` inside a table, expected rows and cells only: browsers move it before the table'],
      [7, 20, 'Unexpected `stray` inside a table, expected rows and cells only: browsers move it before the table'],
    ]);
  });
});

describe('links without a target, which browsers show as plain text', () => {
  const invalid: Array<[string, string, Array<[number, number, string]>]> = [
    [
      'a misspelt `href` (schema.md, in en, de and pt)',
      '<table><tbody><tr><td>See <a herf="enable-dynamic-field.md">Dynamic Schema</a>.</td></tr></tbody></table>',
      [[5, 53, 'Unexpected attribute `herf` on a link, expected `href`: browsers show the link as plain text']],
    ],
    [
      'a misspelt `href` on a later line of the tag',
      '<p>See <a class="x"\n   hreff="a.md">A</a>.</p>',
      [[6, 4, 'Unexpected attribute `hreff` on a link, expected `href`: browsers show the link as plain text']],
    ],
    [
      '`href` with a Cyrillic `е`, as a translation may write it',
      '<p>См. <a hr\u0435f="a.md">A</a>.</p>',
      [[5, 34, 'Unexpected attribute `hr\u0435f` on a link, expected `href`: browsers show the link as plain text']],
    ],
    [
      'an `<a>` with no target at all',
      '<p>See <a class="ref">A</a> and <a>B</a>.</p>',
      [
        [5, 31, 'Unexpected `<a>` without `href`, expected the target it links to: browsers show it as plain text'],
        [5, 56, 'Unexpected `<a>` without `href`, expected the target it links to: browsers show it as plain text'],
      ],
    ],
  ];
  for (const [name, body, expected] of invalid) {
    it(`warns of ${name}`, () => {
      const warnings = warningsOf(body);
      expect(warnings.map((warning) => warning.rule)).toEqual(expected.map(() => 'source/link-without-target'));
      expect(warnings.map((warning) => [warning.line, warning.column, warning.message])).toEqual(expected);
    });
  }

  it('reads such an `<a>` as its text, as a browser shows it, not as a link to nothing', () => {
    const guide = parseGuideText('en/page.md', page('<p>See <a herf="a.md">Dynamic Schema</a> and <a href="">top</a>.</p>')).guide;
    const content = (guide.sections[0]!.steps[0] as { content: Array<{ type: string; value?: string; url?: string }> }).content;
    expect(content.map((node) => [node.type, node.value ?? node.url])).toEqual([
      ['text', 'See Dynamic Schema and '],
      ['link', ''],
      ['text', '.'],
    ]);
  });
});

describe('raw HTML in Markdown that browsers hide', () => {
  /** The first line of the body is line 5 of the file. */
  const markdownWarnings = (body: string): Array<{ line: number; column: number; rule: string; written: string }> =>
    parseGuideText('en/page.md', `${FRONT}${body}\n`).messages.map((message) => ({ line: message.line!, column: message.column!, rule: message.ruleId!, written: /`(<[^`]*>)`/.exec(message.reason)?.[1] ?? message.reason }));

  const valid: Array<[string, string]> = [
    ['a placeholder escaped', 'Open http://localhost:&lt;port&gt;/docs.'],
    ['a placeholder in inline code', 'Run `kubectl logs <pod-name>`.'],
    ['a placeholder in a code block', '```bash\nkubectl logs <pod-name>\n```'],
    ['a name CommonMark does not read as a tag (it stays text)', 'Log in as <your_username>.'],
    ['an autolink', 'See <https://milvus.io/docs>.'],
    ['elements of the standard, in a block and inline', '<div class="note">\n<p>Note <b>this</b>.</p>\n</div>\n\nA <kbd>Ctrl</kbd> key.'],
    ['a tag inside a comment', '<!-- <todo> -->\nText.'],
    ['a tag inside an attribute value', 'A <a title="<hint>" href="#x">link</a>.'],
    ['SVG and MathML content', '<div>\n<svg viewBox="0 0 1 1"><path d="M0"/><foreignObject></foreignObject></svg>\n<math><mi>x</mi></math>\n</div>'],
    ['links with a target, and a link target', 'A <a href="/docs/a.md">link</a>, <A HREF="b.md">another</A> and <a id="here"></a>.'],
  ];
  for (const [name, body] of valid) {
    it(`gives nothing for ${name}`, () => {
      expect(markdownWarnings(body)).toEqual([]);
    });
  }

  it('warns of placeholders written as tags, inline and in HTML blocks, where they stand', () => {
    expect(markdownWarnings('Open http://localhost:<port>/docs.\n\n> Then run <pod-name> here.\n\n<div>\n<IndexParam>\n</div>\n\n- a <Vec> b')).toEqual([
      { line: 5, column: 23, rule: 'source/unknown-tag', written: '<port>' },
      { line: 7, column: 12, rule: 'source/unknown-tag', written: '<pod-name>' },
      { line: 10, column: 1, rule: 'source/unknown-tag', written: '<IndexParam>' },
      { line: 13, column: 5, rule: 'source/unknown-tag', written: '<Vec>' },
    ]);
  });

  it('warns of links without a target, inline and in HTML blocks, at the misspelt attribute or the tag', () => {
    expect(markdownWarnings('See <a herf="a.md">A</a>.\n\n<div>\n<a\n  hfer="b.md">B</a> <a>C</a>\n</div>')).toEqual([
      { line: 5, column: 8, rule: 'source/link-without-target', written: 'Unexpected attribute `herf` on a link, expected `href`: browsers show the link as plain text' },
      { line: 9, column: 3, rule: 'source/link-without-target', written: 'Unexpected attribute `hfer` on a link, expected `href`: browsers show the link as plain text' },
      { line: 9, column: 21, rule: 'source/link-without-target', written: '<a>' },
    ]);
  });

  it('keeps the page as written: the warning does not change the tree', () => {
    const body = 'Open http://localhost:<port>/docs.';
    const parsed = parseGuideText('en/page.md', `${FRONT}${body}\n`);
    expect(parsed.messages).toHaveLength(1);
    expect(JSON.stringify(guideShape(parsed.guide))).toContain('http://localhost:');
  });
});
