/**
 * Bad input: each case either fails with a SourceError naming the file, line, column and what is
 * wrong (ruleId + reason), or is read with a documented recovery and a message saying so:
 * a BOM is dropped with a note, CRLF is read as LF, a truncated code block is kept and warned.
 * Fixtures are written to a temporary folder by the tests (the 20 MB page included).
 */
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VFileMessage } from 'vfile-message';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { milvusPageToMarkdown } from '../../src/core/import/to-markdown.ts';
import { parseGuideBytes, parseGuideFile, parseGuideText, type ParsedGuide } from '../../src/core/parse/index.ts';
import { guideShape } from '../../src/core/shape.ts';
import { MAX_SOURCE_BYTES, readSource, SourceError } from '../../src/core/source.ts';
import type { Inline } from '../../src/core/model.ts';
import { codeBlocks, guideSteps, inlineRuns, inlineText } from '../../src/core/walk.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polyguide-bad-input-'));
  await mkdir(join(dir, 'en'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fixture(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, 'en', name);
  await writeFile(path, content);
  return path;
}

/** The SourceError a file gives (failing the test if it parses). */
async function failure(path: string): Promise<SourceError> {
  const error = await parseGuideFile(path).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error, `${path} should be refused`).toBeInstanceOf(SourceError);
  return error as SourceError;
}

function expectPlace(message: VFileMessage, expected: { file: string; line: number; column: number; ruleId: string; reason: RegExp | string }): void {
  expect({ file: message.file, line: message.line, column: message.column, ruleId: message.ruleId }).toEqual({
    file: expected.file,
    line: expected.line,
    column: expected.column,
    ruleId: expected.ruleId,
  });
  expect(message.reason).toMatch(expected.reason);
}

const FRONT = '---\nid: page.md\ntitle: Page\n---\n';
const MILVUS_BODY = '<h1 id="Page">Page</h1><p>Run this:</p>\n<pre><code translate="no" class="language-bash">kubectl get pods\n<button class="copy-code-btn"></button></code></pre>\n';

describe('refused with file, line, column and reason', () => {
  it('an empty file', async () => {
    const path = await fixture('empty.md', '');
    expectPlace(await failure(path), { file: path, line: 1, column: 1, ruleId: 'source/empty', reason: /^Unexpected empty file, expected front matter and content$/ });
  });

  it('a file of blank lines', async () => {
    const path = await fixture('blank.md', '\n  \n\t\n');
    expectPlace(await failure(path), { file: path, line: 1, column: 1, ruleId: 'source/empty', reason: /empty file/ });
  });

  it('missing front matter', async () => {
    const path = await fixture('no-front-matter.md', '# Install Milvus\n\nSome text.\n');
    expectPlace(await failure(path), { file: path, line: 1, column: 1, ruleId: 'source/front-matter-missing', reason: /^Unexpected `# Install Milvus`, expected `---` opening the front matter$/ });
  });

  it('front matter that is never closed', async () => {
    const path = await fixture('unclosed-front-matter.md', '---\nid: page.md\ntitle: Page\n# Title\n');
    expectPlace(await failure(path), { file: path, line: 1, column: 1, ruleId: 'source/front-matter-unclosed', reason: /expected a closing `---`/ });
  });

  it('broken YAML in the front matter (line and column in the file, not in the YAML)', async () => {
    const path = await fixture('broken-yaml.md', '---\nid: page.md\ntitle: "Page\nsummary: x\n---\n# Title\n');
    const error = await failure(path);
    expect(error.ruleId).toBe('source/front-matter-yaml');
    expect(error.file).toBe(path);
    expect(error.reason).toBe('Unexpected `"` opening a string that never closes in the front matter, expected a closing `"`');
    // The unterminated string starts on line 3 of the file; the yaml package reports where it gave up.
    expect(error.line).toBeGreaterThanOrEqual(3);
    expect(error.line).toBeLessThanOrEqual(5);
    expect(error.column).toBe(1);
  });

  it('a duplicated front matter key', async () => {
    const path = await fixture('duplicate-key.md', '---\nid: page.md\ntitle: A\ntitle: B\n---\n# Title\n');
    expectPlace(await failure(path), { file: path, line: 4, column: 1, ruleId: 'source/front-matter-yaml', reason: 'Unexpected second `title` key in the front matter, expected each key once' });
  });

  it('front matter broken the ways fuzzing found: a `...` inside it, a value starting with a backtick, and one the guard has no words for', async () => {
    const cases: Array<[string, { line: number; column: number; reason: string }]> = [
      ['id: page.md\ntitle: P\n...\nsummary: S', { line: 5, column: 1, reason: 'Unexpected second YAML document in the front matter (a `---` or `...` line inside it), expected one mapping of `key: value` lines' }],
      ['id: page.md\ntitle: `Q`', { line: 3, column: 8, reason: 'Unexpected value starting with `` ` `` in the front matter, expected the value in quotes' }],
      ['id: page.md\nx: [1, 2', { line: 4, column: 1, reason: "Unexpected front matter that YAML cannot read (Flow sequence in block collection must be sufficiently indented and end with a ]), expected `key: value` lines" }],
    ];
    for (const [yaml, expected] of cases) {
      const path = await fixture(`front-matter-${expected.line}-${expected.column}.md`, `---\n${yaml}\n---\n# Title\n`);
      expectPlace(await failure(path), { file: path, ruleId: 'source/front-matter-yaml', ...expected });
    }
  });

  it('front matter that is a list, not a mapping', async () => {
    const path = await fixture('list-front-matter.md', '---\n- id\n- title\n---\n# Title\n');
    expectPlace(await failure(path), { file: path, line: 2, column: 1, ruleId: 'source/front-matter-shape', reason: /not a mapping/ });
  });

  it('bytes that are not UTF-8 (Latin-1 é), with the place of the bad byte', async () => {
    const path = await fixture('latin1.md', Uint8Array.from([...new TextEncoder().encode(`${FRONT}# Café\n\nLe caf`), 0xe9, 0x0a]));
    expectPlace(await failure(path), { file: path, line: 7, column: 7, ruleId: 'source/encoding', reason: /^Unexpected byte 0xe9 that is not UTF-8, expected UTF-8 text$/ });
  });

  it('UTF-16 text', async () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'---\nid: x\n'].flatMap((c) => [c.charCodeAt(0), 0])]);
    const path = await fixture('utf16.md', utf16);
    expectPlace(await failure(path), { file: path, line: 1, column: 1, ruleId: 'source/encoding', reason: /UTF-16/ });
  });

  it('binary data (a PNG header)', async () => {
    const path = await fixture('image.md', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    // The first NUL is the 9th byte, after the header's two line feeds: line 3, column 1.
    expectPlace(await failure(path), { file: path, line: 3, column: 1, ruleId: 'source/binary', reason: /^Unexpected NUL byte \(binary data\), expected UTF-8 text$/ });
  });

  it('a NUL byte inside an otherwise fine guide', async () => {
    const path = await fixture('nul.md', `${FRONT}# Title\n\nab\u0000c\n`);
    expectPlace(await failure(path), { file: path, line: 7, column: 3, ruleId: 'source/binary', reason: /NUL byte/ });
  });

  it('a folder instead of a file', async () => {
    const path = join(dir, 'en');
    const error = await failure(path);
    expect(error.ruleId).toBe('source/not-a-file');
    expect(error.file).toBe(path);
  });

  it('a file that does not exist', async () => {
    const path = join(dir, 'en', 'missing.md');
    const error = await failure(path);
    expect(error.ruleId).toBe('source/unreadable');
    expect(error.reason).toMatch(/ENOENT/);
  });

  it('Markdown nested hundreds of levels deep (refused at once, instead of parsed for minutes)', async () => {
    const path = await fixture('deep-quotes.md', `${FRONT}# Title\n\nfine\n\n${'>'.repeat(5000)} deep\n`);
    const started = performance.now();
    expectPlace(await failure(path), { file: path, line: 9, column: 1, ruleId: 'source/too-deep', reason: /^Unexpected block quotes nested 5,000 levels deep, expected at most 100/ });
    const lists = await fixture('deep-lists.md', `${FRONT}# Title\n\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i * 2)}- item`).join('\n')}\n`);
    expectPlace(await failure(lists), { file: lists, line: 107, column: 201, ruleId: 'source/too-deep', reason: /^Unexpected lists nested 101 levels deep/ });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('a Markdown paragraph of 200,000 `*` emphasis markers, or of 20,000 link label ends (refused at once; micromark pairs them in quadratic time, minutes)', async () => {
    const path = await fixture('emphasis.md', `${FRONT}# Title\n\nfine *words*\n\n${'*a'.repeat(200_000)}\n`);
    const started = performance.now();
    expectPlace(await failure(path), { file: path, line: 9, column: 1, ruleId: 'source/too-deep', reason: /^Unexpected 200,000 `\*` emphasis or `~` strikethrough markers in the paragraph at line 9, expected paragraphs with far fewer/ });
    // GFM strikethrough markers cost the same (16,000 `~a`: 5.7 s).
    const tildes = await fixture('tildes.md', `${FRONT}# Title\n\n${'~a'.repeat(20_000)}\n`);
    expectPlace(await failure(tildes), { file: tildes, line: 7, column: 1, ruleId: 'source/too-deep', reason: /^Unexpected 20,000 `\*` emphasis or `~` strikethrough markers/ });
    expect(performance.now() - started).toBeLessThan(5000);
    // The same markers spread over many paragraphs add up.
    const spread = await fixture('emphasis-spread.md', `${FRONT}# Title\n\n${Array.from({ length: 200 }, () => '*a'.repeat(1000)).join('\n\n')}\n`);
    expectPlace(await failure(spread), { file: spread, line: 207, column: 1, ruleId: 'source/too-deep', reason: /^Unexpected 1,000 `\*` emphasis or `~` strikethrough markers in the paragraph at line 207/ });
    // Link label ends cost the same way: 20,000 `[a](` took 10 s.
    const labels = await fixture('labels.md', `${FRONT}# Title\n\n${'[a]('.repeat(20_000)}\n`);
    expectPlace(await failure(labels), { file: labels, line: 7, column: 1, ruleId: 'source/too-deep', reason: /^Unexpected 20,000 `\]` link label ends in the paragraph at line 7/ });
    // A real paragraph's few dozen are nothing.
    expect(codeBlocks((await parseGuideFile(await fixture('emphasis-fine.md', `${FRONT}# Title\n\n${'**bold** and *italic*. '.repeat(50)}\n\n\`\`\`bash\nls\n\`\`\`\n`))).guide)).toHaveLength(1);
  });

  it('more than 2,000 setext headings (refused at once; micromark takes time that grows with the square of their number)', async () => {
    const headings = (count: number) => Array.from({ length: count }, (_, index) => `Heading ${index}\n---\n`).join('\n');
    const path = await fixture('setext.md', `${FRONT}# Title\n\n${headings(50_000)}`);
    // The 2,001st heading's underline: 3 lines per heading after the 6 lines before the first.
    expectPlace(await failure(path), { file: path, line: 6 + 3 * 2000 + 2, column: 1, ruleId: 'source/too-deep', reason: /^Unexpected more than 2,000 setext headings.*, expected at most 2,000 /s });
    // 2,000 of them, and tables and thematic breaks, are read.
    const fine = await fixture('setext-fine.md', `${FRONT}# Title\n\n${headings(2000)}\n| a | b |\n|---|---|\n| 1 | 2 |\n\n---\n\n\`\`\`bash\nls\n\`\`\`\n`);
    expect(codeBlocks((await parseGuideFile(fine)).guide)).toHaveLength(1);
  });

  it('more than 2,000 separate block quotes and lists, or backtick runs that open no code span (refused at once; micromark takes time that grows with the square of their number)', async () => {
    // Each shape's 2,001st quote or list opens on the line given; before, 20,000 `> x` paragraphs
    // did not end in 100 s, and 4,000 sub-lists took 3 s.
    const shapes: Array<[string, string, number]> = [
      ['quotes between blank lines', '> x\n\n', 7 + 2 * 2000],
      ['lists between paragraphs', '- x\n\npara\n\n', 7 + 4 * 2000],
      ['sub-lists of one list', '- a\n  - b\n', 6 + 2 * 2000],
      ['quotes two deep (two each)', '> > x\n\n', 7 + 2 * 1000],
      ['numbered lists between paragraphs', '1. x\n\npara\n\n', 7 + 4 * 2000],
    ];
    for (const [name, unit, line] of shapes) {
      const path = await fixture(`containers-${name.replaceAll(' ', '-')}.md`, `${FRONT}# Title\n\n${unit.repeat(20_000)}`);
      expectPlace(await failure(path), { file: path, line, column: 1, ruleId: 'source/too-deep', reason: /^Unexpected more than 2,000 separate block quotes and lists .*, expected at most 2,000 /s });
    }
    // Runs of 1, 2, 3… backticks close no code span, and micromark reads to the paragraph's end from
    // each (1,500 of them: 24–42 s); code spans that close, as in any guide, are read.
    const runs = await fixture('backtick-runs.md', `${FRONT}# Title\n\nfine \`code\`\n\n${Array.from({ length: 1500 }, (_, index) => '`'.repeat(index + 1)).join(' ')}\n`);
    expectPlace(await failure(runs), { file: runs, line: 9, column: 1, ruleId: 'source/too-deep', reason: /^Unexpected 1,500 backtick runs in the paragraph at line 9, expected paragraphs with far fewer/ });
    const spans = await fixture('code-spans.md', `${FRONT}# Title\n\n${'Run `kubectl get pods` and `helm list`. '.repeat(2_000)}\n\n\`\`\`bash\nls\n\`\`\`\n`);
    expect(codeBlocks((await parseGuideFile(spans)).guide)).toHaveLength(1);
    // 2,000 of them, and one list of 5,000 items or one quote of 5,000 lines, are read.
    const fine = ['> x\n\n'.repeat(2000), '- x\n\n'.repeat(5_000), '> x\n'.repeat(5_000)];
    for (const [index, body] of fine.entries()) {
      const path = await fixture(`containers-fine-${index}.md`, `${FRONT}# Title\n\n${body}\n\n\`\`\`bash\nls\n\`\`\`\n`);
      expect(codeBlocks((await parseGuideFile(path)).guide), body.slice(0, 8)).toHaveLength(1);
    }
  });

  it('a Markdown paragraph of more than 10,000 line endings and inline constructs (refused at once; micromark merges its text in quadratic time, 50,000 lines took 23 s)', async () => {
    // Lines of the paragraph at line 7, and inline constructs on one line.
    const shapes: Array<[string, string, RegExp]> = [
      ['lines', 'a b\n'.repeat(50_000), /^Unexpected 50,000 line endings and inline constructs .* in the paragraph at line 7, expected paragraphs with far fewer/s],
      ['inline tags', 'a <svg> b\n'.repeat(20_000), /^Unexpected 40,000 line endings and inline constructs/],
      ['character references', `${'a &amp; b '.repeat(20_000)}\n`, /^Unexpected 20,001 line endings and inline constructs/],
      ['www links', `${'www.example.com '.repeat(20_000)}\n`, /^Unexpected 20,001 line endings and inline constructs/],
      ['code spans', `${'Run `ls` now. '.repeat(10_000)}\n`, /^Unexpected 20,001 line endings and inline constructs/],
    ];
    for (const [name, body, reason] of shapes) {
      const path = await fixture(`inline-${name.replaceAll(' ', '-')}.md`, `${FRONT}# Title\n\n${body}`);
      expectPlace(await failure(path), { file: path, line: 7, column: 1, ruleId: 'source/too-deep', reason });
    }
    // Paragraphs add up: the second of two paragraphs of 7,500 lines passes the page's budget.
    const two = await fixture('inline-two.md', `${FRONT}# Title\n\n${'a b\n'.repeat(7_500)}\n${'a b\n'.repeat(7_500)}`);
    expectPlace(await failure(two), { file: two, line: 7 + 7_501, column: 1, ruleId: 'source/too-deep', reason: /^Unexpected 7,500 line endings and inline constructs .* in the paragraph at line 7508/s });
    // One paragraph of 9,990 lines, or a hundred paragraphs of 330 links each (almost the whole budget), are read.
    const fine = [`${'a b\n'.repeat(9_990)}`, `${'[a](https://example.com) '.repeat(330)}\n\n`.repeat(100)];
    for (const [index, body] of fine.entries()) {
      const path = await fixture(`inline-fine-${index}.md`, `${FRONT}# Title\n\n${body}\n\n\`\`\`bash\nls\n\`\`\`\n`);
      expect(codeBlocks((await parseGuideFile(path)).guide), body.slice(0, 8)).toHaveLength(1);
    }
  });

  it('`:::` containers nested deep or often (refused at once; 2,000 `:::note` lines never closed took 14 s)', async () => {
    const nest = (depth: number) => `${':::note\n'.repeat(depth)}x\n:::\n\n`;
    const deep = await fixture('directives-deep.md', `${FRONT}# Title\n\n${':::note\n'.repeat(2_000)}`);
    expectPlace(await failure(deep), { file: deep, line: 7 + 100, column: 1, ruleId: 'source/too-deep', reason: /^Unexpected `:::` containers nested 101 levels deep, expected at most 100 / });
    // Nests of 100 (103 lines each): 4,950 per nest, so the eleventh nest's 33rd container passes 50,000.
    const often = await fixture('directives-often.md', `${FRONT}# Title\n\n${nest(100).repeat(11)}`);
    expectPlace(await failure(often), { file: often, line: 7 + 10 * 103 + 32, column: 1, ruleId: 'source/too-deep', reason: /^Unexpected `:::` containers nested so often that the containers holding each add up to more than 50,000 .*, expected at most 50,000 /s });
    // Ten nests of 100, and 20,000 notes one after another, are read.
    for (const [name, body] of [['nests', nest(100).repeat(10)], ['notes', ':::note\nx\n:::\n\n'.repeat(20_000)]] as const) {
      const path = await fixture(`directives-fine-${name}.md`, `${FRONT}# Title\n\n${body}\`\`\`bash\nls\n\`\`\`\n`);
      expect(codeBlocks((await parseGuideFile(path)).guide), name).toHaveLength(1);
    }
  });

  it('HTML nested thousands of levels deep (no stack overflow escapes)', async () => {
    const path = await fixture('deep-html.md', `${FRONT}<h1 id="T">T</h1>\n${'<div>'.repeat(20000)}x\n`);
    const error = await failure(path);
    expect(error.ruleId).toBe('source/too-deep');
    expect(error.file).toBe(path);
    expect(error.line).toBe(6);
    expect(error.reason).toMatch(/nested thousands of levels deep/);
  });

  it('well-formed HTML nested thousands of levels deep (built by the fast tree builder, then refused)', async () => {
    const path = await fixture('deep-closed-html.md', `${FRONT}<h1 id="T">T</h1>\n<p>x</p>\n${'<div>'.repeat(20000)}x${'</div>'.repeat(20000)}\n`);
    const error = await failure(path);
    expect(error.ruleId).toBe('source/too-deep');
    expect(error.file).toBe(path);
    expect(error.reason).toMatch(/nested thousands of levels deep/);
  });
});

describe('a 20 MB page', () => {
  it('is refused with a clear error before it is read, and at once', async () => {
    const paragraph = '<p>Milvus is a vector database built for scalable similarity search.</p>\n';
    const page = FRONT + MILVUS_BODY + paragraph.repeat(Math.ceil((20 * 1048576) / paragraph.length));
    const path = await fixture('huge.md', page);
    const bytes = await readFile(path);
    expect(bytes.length).toBeGreaterThanOrEqual(20 * 1048576);

    let started = performance.now();
    const error = await failure(path);
    const fromFile = performance.now() - started;
    expectPlace(error, { file: path, line: 1, column: 1, ruleId: 'source/too-large', reason: /^Unexpected file of 20\.\d MB, expected at most 2 MB/ });
    await expect(readSource(path)).rejects.toMatchObject({ ruleId: 'source/too-large' });

    started = performance.now();
    expect(() => parseGuideBytes(path, bytes)).toThrow(/Unexpected file of 20\.\d MB/);
    const fromBytes = performance.now() - started;
    expect(fromFile).toBeLessThan(1000);
    expect(fromBytes).toBeLessThan(1000);
  });

  it('the largest accepted page (just under the limit) parses, in seconds', async () => {
    const section = (i: number) =>
      `<h2 id="Step-${i}">Step ${i}</h2><p>Apply the <strong>manifest</strong> with <code translate="no">kubectl</code>.</p>\n<pre><code translate="no" class="language-yaml"><span class="hljs-attr">apiVersion:</span> <span class="hljs-string">v1</span>\n<span class="hljs-attr">kind:</span> <span class="hljs-string">Service</span>\n<button class="copy-code-btn"></button></code></pre>\n`;
    let page = FRONT + MILVUS_BODY;
    for (let i = 0; page.length + 400 < MAX_SOURCE_BYTES; i++) page += section(i);
    const path = await fixture('largest.md', page);
    const started = performance.now();
    const parsed = await parseGuideFile(path);
    const elapsed = performance.now() - started;
    expect(parsed.source.bytes).toBeLessThanOrEqual(MAX_SOURCE_BYTES);
    expect(parsed.source.bytes).toBeGreaterThan(MAX_SOURCE_BYTES - 1000);
    expect(codeBlocks(parsed.guide).length).toBeGreaterThan(3000);
    // About half a second on an idle core; generous for a loaded CI machine.
    expect(elapsed).toBeLessThan(15_000);
  });
});

/**
 * Pages that are wide rather than deep: 150,000 siblings on one line. Each was refused
 * as "nested thousands of levels deep" (a spread of that many nodes into one call overflowed the
 * stack) or took tens of seconds (positions were found by searching to the end of the one long
 * line for every node; `colspan` added cells one by one until memory ran out). The bound on time
 * is a guard against hangs, not a benchmark.
 */
describe('a page 150,000 nodes wide', () => {
  const WIDE = 150_000;
  const bolds = '<b>x</b>'.repeat(WIDE);
  const cases: Array<[string, string, (guide: ParsedGuide['guide']) => void]> = [
    ['inline elements in a list, before its first item', `<ul>${bolds}<li>item</li></ul>`, (guide) => expect(allText(guide)).toBe(`${'x'.repeat(WIDE)}item`)],
    ['a table cell with one list item of inline elements', `<table><thead><tr><th>a</th></tr></thead><tbody><tr><td><ul><li>${bolds}</li></ul></td></tr></tbody></table>`, (guide) => expect(tableText(guide).length).toBeGreaterThanOrEqual(WIDE)],
    ['a table cell with as many list items', `<table><thead><tr><th>a</th></tr></thead><tbody><tr><td><ul>${'<li>x</li>'.repeat(WIDE)}</ul></td></tr></tbody></table>`, (guide) => expect(tableText(guide).length).toBeGreaterThanOrEqual(WIDE)],
    ['a quotation of as many paragraphs', `<blockquote>${'<p>x</p>'.repeat(WIDE)}</blockquote>`, (guide) => expect([...guideSteps(guide)].filter((step) => step.kind === 'prose')).toHaveLength(WIDE)],
    ['a script link around as many elements (its text is kept)', `<p><a href="javascript:alert(1)">${bolds}</a></p>`, (guide) => expect(allText(guide)).toBe('x'.repeat(WIDE))],
    ['colspan="100000000"', '<table><thead><tr><th colspan="100000000">a</th></tr></thead><tbody><tr><td>x</td></tr></tbody></table>', (guide) => expect(tableRows(guide)[0]!.length).toBe(1000)],
    [
      '30,000 rows spanning 1,000 columns between 30,000 plain ones (padding every row ran out of memory)',
      `<table><tbody>${'<tr><td colspan="1000">x</td></tr><tr><td>y</td></tr>'.repeat(30_000)}</tbody></table>`,
      (guide) => {
        const rows = tableRows(guide);
        expect(rows.length).toBeGreaterThanOrEqual(60_000);
        expect(rows.at(-1)!.map((cell) => inlineText(cell))).toEqual(['y']);
      },
    ],
  ];

  it.each(cases)('%s: read, in seconds', (_name, body, check) => {
    const started = performance.now();
    const parsed = parseGuideText('en/wide.md', `${FRONT}<h1 id="Wide">Wide</h1>${body}\n`);
    expect(performance.now() - started).toBeLessThan(15_000);
    check(parsed.guide);
  });
});

function tableRows(guide: ParsedGuide['guide']): Inline[][][] {
  const table = [...guideSteps(guide)].find((step) => step.kind === 'table');
  if (table?.kind !== 'table') throw new Error('no table');
  return table.rows;
}

function allText(guide: ParsedGuide['guide']): string {
  return guide.sections.flatMap((section) => inlineRuns(section.steps).map(inlineText)).join('');
}

function tableText(guide: ParsedGuide['guide']): string {
  return tableRows(guide).flatMap((row) => row.map((cell) => inlineText(cell))).join('');
}

describe('read with a documented recovery', () => {
  it('a byte order mark is dropped, with a note at 1:1, and positions do not move', async () => {
    const plain = await fixture('plain.md', `${FRONT}${MILVUS_BODY}`);
    const withBom = await fixture('bom.md', `\uFEFF${FRONT}${MILVUS_BODY}`);
    const a = await parseGuideFile(plain);
    const b = await parseGuideFile(withBom);
    expect(a.messages).toEqual([]);
    expect(b.source.hadBom).toBe(true);
    expect(b.messages).toHaveLength(1);
    expectPlace(b.messages[0]!, { file: withBom, line: 1, column: 1, ruleId: 'source/bom', reason: /^Unexpected byte order mark, expected plain UTF-8 \(it was ignored\)$/ });
    expect(b.messages[0]!.fatal).toBeUndefined();
    expect(guideShape(b.guide)).toEqual(guideShape(a.guide));
    expect(codeBlocks(b.guide)[0]!.lines).toEqual(codeBlocks(a.guide)[0]!.lines);
  });

  it('CRLF line ends are read as LF: same guide, same positions, no message', async () => {
    const markdown = `${FRONT}# Install {#install}\n\nRun:\n\n\`\`\`bash\nhelm install milvus\nkubectl get pods\n\`\`\`\n`;
    const lf = await fixture('lf.md', markdown);
    const crlf = await fixture('crlf.md', markdown.replace(/\n/g, '\r\n'));
    const a = await parseGuideFile(lf);
    const b = await parseGuideFile(crlf);
    expect(b.source.lineEnding).toBe('crlf');
    expect(b.messages).toEqual([]);
    expect(guideShape(b.guide)).toEqual(guideShape(a.guide));
    const code = codeBlocks(b.guide)[0]!;
    expect(code.text).toBe('helm install milvus\nkubectl get pods');
    expect(code.lines).toEqual([
      { line: 10, column: 1 },
      { line: 11, column: 1 },
    ]);
    expect(code.lines).toEqual(codeBlocks(a.guide)[0]!.lines);
  });

  it('an unclosed Markdown fence: the code runs to the end of the file and is warned at the fence', async () => {
    const path = await fixture('unclosed-fence.md', `${FRONT}# Install\n\nRun:\n\n\`\`\`bash\nhelm install milvus\nkubectl get pods\n`);
    const parsed = await parseGuideFile(path);
    expect(parsed.messages).toHaveLength(1);
    expectPlace(parsed.messages[0]!, { file: path, line: 9, column: 1, ruleId: 'source/unclosed-fence', reason: 'Unexpected end of file in code block, expected a closing ```` ``` ```` fence (the code up to the end of the file was kept)' });
    expect(codeBlocks(parsed.guide).map((code) => code.text)).toEqual(['helm install milvus\nkubectl get pods']);
  });

  it('an unclosed fence in a list item ends with the item: the warning names where, not the end of the file (found by fuzzing)', async () => {
    const path = await fixture('unclosed-fence-in-item.md', `${FRONT}# Install\n\n- Step one.\n\n  \`\`\`shell\n  echo one\n: x\n  echo two\n\n- Step two.\n\n  \`\`\`shell\n  echo three\n  \`\`\`\n`);
    const parsed = await parseGuideFile(path);
    expect(parsed.messages).toHaveLength(1);
    expectPlace(parsed.messages[0]!, { file: path, line: 9, column: 3, ruleId: 'source/unclosed-fence', reason: 'Unexpected end of the list item or quote around a code block at line 11, expected a closing ```` ``` ```` fence before it (the code up to line 10 was kept)' });
    expect(codeBlocks(parsed.guide).map((code) => code.text)).toEqual(['echo one', 'echo three']);
  });

  it('a line break parts the words of a title and of prose (they read "Milvuson")', () => {
    const body = '<h2 id="Deploy">Deploy Milvus<br>on a cluster</h2>\n<p>Run it<br>twice.</p>\n';
    const parsed = parseGuideText('en/p.md', `---\nid: p.md\ntitle: P\n---\n${body}`);
    expect(parsed.guide.sections.map((section) => section.titleText)).toEqual(['Deploy Milvus\non a cluster']);
    const prose = [...guideSteps(parsed.guide)].find((step) => step.kind === 'prose');
    expect(prose?.kind === 'prose' ? [prose.text, inlineText(prose.content)] : null).toEqual(['Run it\ntwice.', 'Run it\ntwice.']);
  });

  it('a heading whose link is left open takes in the blocks after it: they stay steps, checked (found by fuzzing: its code was never checked)', () => {
    const body = '<h1 id="P">P<a> Now run.</p>\n<pre><code translate="no" class="language-python">print((1)\n</code></pre>\n<h2 id="Q">Q</h2>\n<pre><code translate="no" class="language-python">print((2)\n</code></pre>\n';
    const parsed = parseGuideText('en/p.md', `---\nid: p.md\ntitle: P\n---\n${body}`);
    expect(parsed.guide.sections.map((section) => [section.anchor, section.titleText])).toEqual([['P', 'P Now run.'], ['Q', 'Q']]);
    expect(codeBlocks(parsed.guide).map((code) => [code.text, code.lines[0]])).toEqual([
      ['print((1)', { line: 6, column: 51 }],
      ['print((2)', { line: 9, column: 51 }],
    ]);
  });

  it('an HTML comment that a code block leaves open to the end of the page: no place past the end (found by fuzzing: parse5 ends it one character after)', () => {
    const body = '<h1 id="P">P</h1>\n<pre><code class="language-python">print(a) # <!--x\n</code></pre>\n<pre><code class="language-python">b = 2\n</code></pre>\n<p>End.</p>\n';
    const text = `---\nid: p.md\ntitle: P\n---\n${body}`;
    const parsed = parseGuideText('en/p.md', text);
    // The end of the text is line 11, column 1 (after the last line end).
    const places = [...parsed.messages.map((message) => ({ line: message.line!, column: message.column! })), ...[...guideSteps(parsed.guide)].flatMap((step) => (step.position ? [step.position.start, step.position.end] : []))];
    expect(places.length).toBeGreaterThan(2);
    for (const place of places) expect(place.line < 11 || (place.line === 11 && place.column === 1), `${place.line}:${place.column}`).toBe(true);
    // The comment opens in the first code block, line 6, column 47.
    expect(parsed.messages.map((message) => [message.ruleId, message.line, message.column])).toContainEqual(['source/truncated-html', 6, 47]);
  });

  it('a Markdown `:::note` never closed: what follows is read into it, and it is warned where it opens', async () => {
    // Each page: the body after the title, and where the warning is expected (none for a closed container).
    const pages: Array<[string, string, { line: number; column: number; opening: string } | null]> = [
      ['at the top level', ':::note\nRemember this.\n\n## Install\n\n```bash\nhelm install milvus\n```\n', { line: 7, column: 1, opening: ':::note' }],
      ['in a list item', '- Step one.\n\n  :::tip\n  Use a namespace.\n\n- Step two.\n', { line: 9, column: 3, opening: ':::tip' }],
      ['in a block quote', '> :::note\n> Quoted.\n\nAfter.\n', { line: 7, column: 3, opening: ':::note' }],
      ['an outer container whose inner one is closed', '::::note\n:::tip\nx\n:::\n\nAfter.\n', { line: 7, column: 1, opening: '::::note' }],
      ['on the last line', 'Text.\n\n:::warning', { line: 9, column: 1, opening: ':::warning' }],
      ['closed', ':::note\nRemember this.\n:::\n\n## Install\n', null],
      ['empty and closed', ':::note\n:::\n', null],
      ['closed in a list item', '- Step one.\n\n  :::tip\n  Use a namespace.\n  :::\n\n- Step two.\n', null],
      ['closed in a block quote', '> :::note\n> Quoted.\n> :::\n\nAfter.\n', null],
      ['nested, both closed by one longer fence', '::::note\n:::tip\nx\n::::\n\nAfter.\n', null],
      ['left open, then a later one closed (found by fuzzing: one `:::` closed both)', ':::note\n\n## A {#A}\n\n:::note\nInner.\n:::\n\n## B {#B}\n', { line: 7, column: 1, opening: ':::note' }],
    ];
    for (const [name, body, expected] of pages) {
      const path = await fixture(`directive-${name.replaceAll(' ', '-')}.md`, `${FRONT}# Title\n\n${body}`);
      const messages = (await parseGuideFile(path)).messages;
      if (expected === null) {
        expect(messages, name).toEqual([]);
        continue;
      }
      expect(messages, name).toHaveLength(1);
      const colons = /^:+/.exec(expected.opening)![0];
      expectPlace(messages[0]!, { file: path, line: expected.line, column: expected.column, ruleId: 'source/unclosed-directive', reason: new RegExp(`^Unexpected \`${expected.opening}\` container that is never closed, expected a closing \`${colons}\` line `) });
    }
  });

  it('a Markdown HTML comment, `<pre>` or other marked HTML block never closed: what follows is raw HTML, warned where it opens', async () => {
    // Each page: the body after the title, and where the warning is expected (none for a closed block).
    const pages: Array<[string, string, { line: number; column: number; opening: string; marker: string } | null]> = [
      ['a comment at the top level', 'Intro.\n\n<!-- TODO translate\n\n## Install\n\n```bash\nhelm install milvus\n```\n', { line: 9, column: 1, opening: '<!--', marker: '`-->`' }],
      ['a pre block', '<pre>\nkubectl get pods\n\n## Next\n', { line: 7, column: 1, opening: '<pre', marker: '`</…>` end tag' }],
      ['a script block, dropped from the page', '<script>\nlet x = 1;\n\n## Next\n', { line: 7, column: 1, opening: '<script', marker: '`</…>` end tag' }],
      ['a CDATA block', '<![CDATA[\nraw\n\n## Next\n', { line: 7, column: 1, opening: '<![CDATA[', marker: '`]]>`' }],
      ['a processing instruction', '<?php echo 1;\n\n## Next\n', { line: 7, column: 1, opening: '<?', marker: '`?>`' }],
      ['a comment in a list item', '- Step one.\n\n  <!-- a note\n\n  More of step one.\n\nAfter.\n', { line: 9, column: 3, opening: '<!--', marker: '`-->`' }],
      ['a comment indented by two spaces', '  <!-- a note\n\nAfter.\n', { line: 7, column: 3, opening: '<!--', marker: '`-->`' }],
      ['a comment closed on its line', '<!-- a note -->\n\n## Install\n', null],
      ['a comment closed lines later', '<!--\nA note.\n\nStill the note.\n-->\n\n## Install\n', null],
      ['comments closed at once', '<!-->\n\n<?>\n\n<!X>\n\nAfter.\n', null],
      ['a pre closed by an uppercase end tag', '<pre>\nx\n</PRE>\n\nAfter.\n', null],
      ['a div, which ends at a blank line', '<div class="note">\n\n## Install\n', null],
      ['an inline comment left open, which is text', 'Text <!-- not closed.\n\n## Install\n', null],
    ];
    for (const [name, body, expected] of pages) {
      const path = await fixture(`html-block-${name.replaceAll(' ', '-')}.md`, `${FRONT}# Title\n\n${body}`);
      const messages = (await parseGuideFile(path)).messages;
      if (expected === null) {
        expect(messages, name).toEqual([]);
        continue;
      }
      expect(messages, name).toHaveLength(1);
      expectPlace(messages[0]!, { file: path, line: expected.line, column: expected.column, ruleId: 'source/unclosed-html-block', reason: /^Unexpected `/ });
      expect(messages[0]!.reason, name).toBe(`Unexpected \`${expected.opening}\` that is never closed, expected ${expected.marker} (what follows it, up to the end of the file or of its list item or quote, was read as raw HTML: its steps and code are not read)`);
    }
  });

  it('a Milvus page cut off inside a code block: the code is kept and warned where the block opens', async () => {
    const path = await fixture('truncated-code.md', `${FRONT}<h1 id="T">T</h1><p>Run:</p>\n<pre><code translate="no" class="language-bash">helm install <span class="hljs-string">milvus</span>\nkubectl get`);
    const parsed = await parseGuideFile(path);
    expect(parsed.messages).toHaveLength(1);
    expectPlace(parsed.messages[0]!, { file: path, line: 6, column: 1, ruleId: 'source/unclosed-code', reason: /^Unexpected end of file inside a code block, expected `<\/code><\/pre>` \(the code up to the end of the file was kept\)$/ });
    expect(codeBlocks(parsed.guide).map((code) => code.text)).toEqual(['helm install milvus\nkubectl get']);
  });

  it('a Milvus page cut off inside a tag: warned where the tag opens, the rest kept', async () => {
    const lastLine = '<p>Second <a href="/docs/x';
    const path = await fixture('truncated-tag.md', `${FRONT}<h1 id="T">T</h1><p>First paragraph.</p>\n${lastLine}`);
    const parsed = await parseGuideFile(path);
    expect(parsed.messages).toHaveLength(1);
    expectPlace(parsed.messages[0]!, { file: path, line: 6, column: 11, ruleId: 'source/truncated-html', reason: /^Unexpected end of file inside the tag `<a href="\/docs\/x`, expected its closing `>`: browsers drop the tag$/ });
    expect(parsed.guide.sections[0]!.steps.map((step) => (step.kind === 'prose' ? step.text : step.kind))).toEqual(['First paragraph.', 'Second']);
  });

  it('a Milvus page cut off inside a comment: warned where the comment opens (after the last closed one), the comment dropped', async () => {
    const path = await fixture('truncated-comment.md', `${FRONT}<h1 id="T">T</h1><!-- a note --><p>Kept.</p>\n<!-- an unfinished`);
    const parsed = await parseGuideFile(path);
    expect(parsed.messages).toHaveLength(1);
    expectPlace(parsed.messages[0]!, { file: path, line: 6, column: 1, ruleId: 'source/truncated-html', reason: /^Unexpected end of file inside the comment that opens here, expected `-->` to close it: browsers hide the rest of the page$/ });
    expect(guideShape(parsed.guide).sections[0]!.steps).toEqual([{ kind: 'prose', text: 'Kept.' }]);
  });

  it('malformed but complete HTML is read as a browser would, warned only where it hides what was written', async () => {
    // Unclosed <p> and <li> (their end tags are optional), a stray </div>, <li> outside a list: no
    // warning. A heading whose end tag was written as a second start tag (cli_commands.md) takes
    // the code block after it: warned once, at that start tag.
    const html = `<h1 id="T">T</h1><p>One<p>Two</div>\n<ul><li>a<li>b</ul>\n<p><h3 id="Syntax">Syntax<h3></p>\n<pre><code translate="no" class="language-shell">list collections\n<button class="copy-code-btn"></button></code></pre>\n<div class="alert note"><li>stray item</li></div>\n`;
    const path = await fixture('malformed.md', FRONT + html);
    const parsed = await parseGuideFile(path);
    expect(parsed.messages.map((message) => [message.line, message.column, message.ruleId, message.fatal])).toEqual([
      [7, 26, 'source/unclosed-element', false],
    ]);
    const shape = guideShape(parsed.guide);
    expect(shape.sections.map((section) => section.title)).toEqual(['T', 'Syntax']);
    expect(shape.sections[0]!.steps).toEqual([
      { kind: 'prose', text: 'One' },
      { kind: 'prose', text: 'Two' },
      { kind: 'list', ordered: false, items: [[{ kind: 'prose', text: 'a' }], [{ kind: 'prose', text: 'b' }]] },
    ]);
    expect(shape.sections[1]!.steps).toEqual([
      { kind: 'code', lang: 'shell', role: 'command', fileName: null, text: 'list collections' },
      { kind: 'aside', variant: 'note', steps: [{ kind: 'list', ordered: false, items: [[{ kind: 'prose', text: 'stray item' }]] }] },
    ]);
    // And its Markdown reads back the same.
    const markdown = milvusPageToMarkdown(parsed.source);
    expect(guideShape(parseGuideText('en/malformed.md', markdown).guide)).toEqual(shape);
  });
});

describe('hostile HTML in a Milvus page', () => {
  const hostile = `${FRONT}<h1 id="T" onclick="alert(0)">Title</h1>
<script>alert(1)</script>
<p onclick="alert(2)">Click <a href="javascript:alert(3)">here</a>, <a href=" JaVaScRiPt:alert(4)">there</a>, <a href="java&#x09;script:alert(5)">tab</a>, <a href="data:text/html,&lt;script&gt;alert(6)&lt;/script&gt;">data</a> or <a href="/docs/install.md">the docs</a>.</p>
<p><img src="javascript:alert(7)" alt="diagram" onerror="alert(8)"> and <img src="/assets/ok.png" alt="ok"></p>
<iframe src="javascript:alert(9)" title="frame"></iframe>
<style>body { background: url(javascript:alert(10)) }</style>
<!-- <script>alert(15)</script> -->
<svg><script>alert(11)</script></svg>
<form action="javascript:alert(12)"><button onclick="alert(13)">Go</button></form>
<pre><code translate="no" class="language-bash">echo <span class="hljs-string">&quot;&lt;script&gt;alert(14)&lt;/script&gt;&quot;</span>
<button class="copy-code-btn"></button></code></pre>
`;

  let parsed: ParsedGuide;
  let markdown: string;
  beforeAll(async () => {
    const path = await fixture('hostile.md', hostile);
    parsed = await parseGuideFile(path);
    markdown = milvusPageToMarkdown(parsed.source);
  });

  it('the model carries no script, handler, comment or script URL; link texts stay', () => {
    const code = codeBlocks(parsed.guide);
    // The code block is text to copy; it may say anything, and is checked on its own below.
    const rest = JSON.stringify({ ...parsed.guide, sections: parsed.guide.sections.map((section) => ({ ...section, steps: [...guideSteps({ ...parsed.guide, sections: [section] })].filter((step) => step.kind !== 'code') })) });
    expect(rest).not.toMatch(/javascript|vbscript|data:text|<script|alert\(|onclick|onerror/i);
    const prose = [...guideSteps(parsed.guide)].filter((step) => step.kind === 'prose').map((step) => (step.kind === 'prose' ? step.text : ''));
    expect(prose[0]).toBe('Click here, there, tab, data or the docs.');
    expect(JSON.stringify(parsed.guide)).toContain('"url":"https://milvus.io/docs/install.md"');
    expect(JSON.stringify(parsed.guide)).toContain('"url":"/assets/ok.png"');
    // The unsafe image is its alt text now; the safe one stays an image (whose alt is part of the text).
    expect(prose[1]).toBe('diagram and ok');
    expect(code.map((block) => block.text)).toEqual(['echo "<script>alert(14)</script>"']);
  });

  it('the imported Markdown carries none either, outside the code fence', () => {
    const outsideCode = markdown.replace(/^```[\s\S]*?^```$/gm, '');
    expect(outsideCode).not.toMatch(/javascript|vbscript|data:text|<script|alert\(|onclick|onerror/i);
    expect(markdown).toContain('Click here, there, tab, data or [the docs](https://milvus.io/docs/install.md).');
    expect(markdown).toContain('```bash\necho "<script>alert(14)</script>"\n```');
  });

  it('the Markdown reads back to the same guide', () => {
    expect(guideShape(parseGuideText('en/hostile.md', markdown).guide)).toEqual(guideShape(parsed.guide));
  });

  it('a Markdown guide with script links and raw <script> is made inert the same way', () => {
    const guide = parseGuideText('en/x.md', `${FRONT}# T\n\n<script>alert(1)</script>\n\nSee [this](javascript:alert(2)) and ![pic](javascript:alert(3)) and [ref].\n\n[ref]: javascript:alert(4)\n`).guide;
    const json = JSON.stringify(guide);
    expect(json).not.toMatch(/javascript|<script|alert\(/i);
    expect(guide.sections[0]!.steps.map((step) => (step.kind === 'prose' ? step.text : step.kind))).toEqual(['See this and pic and ref.']);
  });
});
