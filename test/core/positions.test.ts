/**
 * Code positions on the seeds: `lines[i]` is the source point of the character that starts code
 * line i, in the Milvus page (through highlight spans and entities) and in its imported Markdown.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { milvusPageToMarkdown } from '../../src/core/import/to-markdown.ts';
import type { CodeStep } from '../../src/core/model.ts';
import { parseGuideBytes, parseGuideSource, parseGuideText } from '../../src/core/parse/index.ts';
import { pointInCode } from '../../src/core/positions.ts';
import { readSource } from '../../src/core/source.ts';
import { codeBlocks } from '../../src/core/walk.ts';
import { htmlCodeOracle, lineStartProblems } from './code-checks.ts';

const SEEDS = join(import.meta.dirname, 'fixtures', 'seeds');
const RU = join(SEEDS, '001_e2bcb6a71ee00fa4.txt');
const LOCALES: Record<string, string> = { '000': 'de', '001': 'ru', '002': 'de', '003': 'pt', '004': 'id' };

/** 1-based line and column of the first occurrence of `needle` at the start of a line (after indentation). */
function locate(text: string, needle: string, fromLine = 1): { line: number; column: number } {
  const lines = text.split('\n');
  for (let i = fromLine - 1; i < lines.length; i++) {
    const column = lines[i]!.indexOf(needle);
    if (column !== -1) return { line: i + 1, column: column + 1 };
  }
  throw new Error(`${needle} not found`);
}

function ingressBlock(blocks: CodeStep[]): CodeStep {
  const block = blocks.find((code) => code.text.startsWith('apiVersion: networking.k8s.io/v1') && code.text.includes('\nkind: Ingress\n'));
  expect(block, 'the Ingress manifest').toBeDefined();
  return block!;
}

describe('code positions in the ru seed (aws_layer7)', async () => {
  const source = await readSource(RU);
  const guide = parseGuideSource(source, { locale: 'ru' }).guide;
  const block = ingressBlock(codeBlocks(guide));
  const codeLines = block.text.split('\n');

  it('maps the `spec:` line of the Ingress block to its line in the .txt file', () => {
    const index = codeLines.indexOf('spec:');
    expect(index).toBeGreaterThan(0);
    // Found in the file independently of the parser: the first line that is exactly `spec:` after the manifest starts.
    const start = locate(source.text, 'apiVersion: networking.k8s.io/v1');
    const spec = source.text.split('\n').findIndex((line, i) => i >= start.line && line === 'spec:') + 1;
    expect(spec).toBe(53);
    expect(block.lines[index]).toEqual({ line: spec, column: 1 });
  });

  it('maps the first line to just after `<code …>` on the `<pre>` line', () => {
    const start = locate(source.text, '<pre><code translate="no" class="language-yaml">apiVersion: networking.k8s.io/v1');
    expect(block.lines[0]).toEqual({ line: start.line, column: start.column + '<pre><code translate="no" class="language-yaml">'.length });
  });

  it('maps characters decoded from entities back to the entity, and columns after it', () => {
    const lineIndex = codeLines.findIndex((line) => line.includes('listen-ports'));
    const line = codeLines[lineIndex]!;
    expect(line).toBe(`    alb.ingress.kubernetes.io/listen-ports: '[{"HTTPS":443}]'`);
    const raw = source.text.split('\n')[block.lines[lineIndex]!.line - 1]!;
    // The `'` comes from `&#x27;`, the first `"` from the `&quot;` after `[{`.
    const quote = pointInCode(block, lineIndex + 1, line.indexOf(`'`) + 1);
    expect(raw.slice(quote.column - 1).startsWith('&#x27;[{')).toBe(true);
    const doubleQuote = pointInCode(block, lineIndex + 1, line.indexOf('"') + 1);
    expect(raw.slice(doubleQuote.column - 1).startsWith('&quot;HTTPS')).toBe(true);
    const https = pointInCode(block, lineIndex + 1, line.indexOf('HTTPS') + 1);
    expect(raw.slice(https.column - 1).startsWith('HTTPS&quot;')).toBe(true);
  });

  it('maps the same line in the imported Markdown to its line in the .md', () => {
    const markdown = milvusPageToMarkdown(source);
    const fromMarkdown = ingressBlock(codeBlocks(parseGuideText('ru/aws_layer7.md', markdown, { locale: 'ru' }).guide));
    const index = fromMarkdown.text.split('\n').indexOf('spec:');
    const fence = locate(markdown, '```yaml');
    const spec = markdown.split('\n').findIndex((line, i) => i >= fence.line && line === 'spec:') + 1;
    expect(fromMarkdown.lines[index]).toEqual({ line: spec, column: 1 });
    expect(fromMarkdown.lines[0]).toEqual({ line: fence.line + 1, column: 1 });
  });

  it('gives the same positions when the page has CRLF line ends or a BOM', async () => {
    const bytes = await readFile(RU);
    const crlf = new TextEncoder().encode(`\uFEFF${new TextDecoder().decode(bytes).replace(/\n/g, '\r\n')}`);
    const again = ingressBlock(codeBlocks(parseGuideBytes('ru/aws_layer7.txt', crlf, { locale: 'ru' }).guide));
    expect(again.text).toBe(block.text);
    expect(again.lines).toEqual(block.lines);
    expect(again.segments).toEqual(block.segments);
  });
});

describe('every code block of every seed', async () => {
  const files = (await readdir(SEEDS)).filter((name) => name.endsWith('.txt')).sort();
  for (const name of files) {
    it(`${name}: text as a reader copies it and line starts that point at their first character`, async () => {
      const source = await readSource(join(SEEDS, name));
      const locale = LOCALES[name.slice(0, 3)]!;
      const blocks = codeBlocks(parseGuideSource(source, { locale }).guide);
      expect(blocks.length).toBeGreaterThan(3);
      for (const code of blocks) {
        expect(code.text).toBe(htmlCodeOracle(source.text, code));
        expect(code.text).not.toMatch(/<span|hljs-|&quot;|&#x27;|copy-code-btn|\n$/);
        expect(lineStartProblems(source.text, code, { entities: true })).toEqual([]);
      }
      const markdown = milvusPageToMarkdown(source);
      for (const code of codeBlocks(parseGuideText(`${locale}/x.md`, markdown, { locale }).guide)) {
        expect(lineStartProblems(markdown, code, { entities: false })).toEqual([]);
      }
    });
  }
});

describe('code positions in Markdown containers', () => {
  it('fenced code in a block quote and in a list item points at its characters', () => {
    const markdown = '---\nid: x.md\n---\n# T\n\n> Quote:\n>\n> ```yaml\n> a: 1\n>   b: 2\n> ```\n\n1. Step:\n\n   ```bash\n   helm list\n   ```\n';
    const blocks = codeBlocks(parseGuideText('en/x.md', markdown).guide);
    expect(blocks.map((code) => code.text)).toEqual(['a: 1\n  b: 2', 'helm list']);
    expect(blocks[0]!.lines).toEqual([
      { line: 9, column: 3 },
      { line: 10, column: 3 },
    ]);
    expect(blocks[1]!.lines).toEqual([{ line: 16, column: 4 }]);
    for (const code of blocks) expect(lineStartProblems(markdown, code, { entities: false })).toEqual([]);
  });
});
