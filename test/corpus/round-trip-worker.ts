/**
 * Worker thread for the corpus round trip: does the per-page work (parse, import twice, parse the
 * Markdown, run the independent checks) and sends the evidence back; round-trip.test.ts asserts
 * on it. Plain Node runs this file (it is not collected by vitest), so it imports no test APIs.
 */
import { isDeepStrictEqual } from 'node:util';
import { parentPort } from 'node:worker_threads';
import { parseDocument } from 'yaml';
import { splitFrontMatter } from '../../src/core/frontmatter.ts';
import { milvusPageToMarkdown } from '../../src/core/import/to-markdown.ts';
import { parseGuideSource, parseGuideText } from '../../src/core/parse/index.ts';
import { markdownToMdast } from '../../src/core/parse/markdown.ts';
import { milvusHtmlToMdast } from '../../src/core/parse/milvus-html.ts';
import { guideShape, type GuideShape } from '../../src/core/shape.ts';
import { readSource } from '../../src/core/source.ts';
import { codeBlocks } from '../../src/core/walk.ts';
import { htmlCodeOracle, lineOffsets, lineStartProblems } from '../core/code-checks.ts';

export interface PageResult {
  /** Path under the corpus version folder, e.g. `ru/adminGuide/tls.md`. */
  page: string;
  error: string | null;
  htmlShape: GuideShape | null;
  markdownShape: GuideShape | null;
  firstImport: string | null;
  secondImport: string | null;
  htmlCodeTexts: string[];
  markdownCodeTexts: string[];
  /** Code blocks whose text differs from the regular-expression reading of their `<pre>`. */
  oracleMismatches: string[];
  /** Code lines whose `lines[i]` does not point at the character that starts them. */
  htmlLineProblems: string[];
  markdownLineProblems: string[];
  /**
   * Where the fast paths (front matter reader, code scanner, direct reader, tree builder, whitespace port, the
   * Markdown read in pieces) differ from the plain ones, or null.
   */
  fastPathDifference: string | null;
  /** Whether the direct reader (direct-reader.ts) read the page, rather than the HTML tree path. */
  readDirectly: boolean;
  messages: string[];
}

export type WorkerRequest = { root: string; pages: string[] };

async function checkPage(root: string, page: string): Promise<PageResult> {
  const result: PageResult = {
    page,
    error: null,
    htmlShape: null,
    markdownShape: null,
    firstImport: null,
    secondImport: null,
    htmlCodeTexts: [],
    markdownCodeTexts: [],
    oracleMismatches: [],
    htmlLineProblems: [],
    markdownLineProblems: [],
    fastPathDifference: null,
    readDirectly: false,
    messages: [],
  };
  try {
    const locale = page.split('/')[0]!;
    const source = await readSource(`${root}/${page}`);
    const parsed = parseGuideSource(source);
    const fromHtml = parsed.guide;
    result.messages = parsed.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`);
    result.firstImport = milvusPageToMarkdown(source);
    result.secondImport = milvusPageToMarkdown(source);
    const fromMarkdown = parseGuideText(`content/${page}`, result.firstImport, { locale }).guide;
    result.htmlShape = guideShape(fromHtml);
    result.markdownShape = guideShape(fromMarkdown);

    const htmlCode = codeBlocks(fromHtml);
    const markdownCode = codeBlocks(fromMarkdown);
    result.htmlCodeTexts = htmlCode.map((code) => code.text);
    result.markdownCodeTexts = markdownCode.map((code) => code.text);

    const sourceOffsets = lineOffsets(source.text);
    htmlCode.forEach((code, index) => {
      const oracle = htmlCodeOracle(source.text, code, sourceOffsets);
      if (oracle !== code.text) result.oracleMismatches.push(`block ${index + 1} at ${code.position?.start.line}: model ${JSON.stringify(code.text.slice(0, 60))}, source says ${JSON.stringify(oracle?.slice(0, 60) ?? null)}`);
      for (const problem of lineStartProblems(source.text, code, { entities: true }, sourceOffsets)) result.htmlLineProblems.push(`block ${index + 1}: ${problem}`);
    });
    const markdownOffsets = lineOffsets(result.firstImport);
    markdownCode.forEach((code, index) => {
      for (const problem of lineStartProblems(result.firstImport!, code, { entities: false }, markdownOffsets)) result.markdownLineProblems.push(`block ${index + 1}: ${problem}`);
    });

    const frontMatter = splitFrontMatter(source.path, source.text);
    const masked = frontMatter.maskedText;
    const fast = milvusHtmlToMdast(masked, source.path);
    result.readDirectly = fast.read === 'direct';
    const plain = milvusHtmlToMdast(masked, source.path, { scanCode: false, libraryWhitespace: true, wellFormedTree: false });
    const libraryFrontMatter = (parseDocument(frontMatter.raw, { uniqueKeys: true }).toJS() as Record<string, unknown> | null) ?? {};
    // The page's Markdown cut wherever markdown-chunks.ts allows, against the page read whole.
    const markdownMasked = splitFrontMatter(`content/${page}`, result.firstImport).maskedText;
    const inPieces = markdownToMdast(markdownMasked, { from: 0, piece: 1 });
    const whole = markdownToMdast(markdownMasked, { from: Infinity });
    result.fastPathDifference =
      firstDifference(frontMatter.data, libraryFrontMatter, 'frontMatter') ?? firstDifference({ tree: fast.tree, warnings: fast.warnings }, { tree: plain.tree, warnings: plain.warnings }, fast.read) ?? firstDifference(inPieces, whole, 'markdownInPieces');
  } catch (error) {
    result.error = (error as Error).stack ?? String(error);
  }
  return result;
}

function firstDifference(a: unknown, b: unknown, path: string): string | null {
  if (isDeepStrictEqual(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${path}: ${JSON.stringify(a)?.slice(0, 120)} ≠ ${JSON.stringify(b)?.slice(0, 120)}`;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
    if (found) return found;
  }
  return path;
}

parentPort?.on('message', async (request: WorkerRequest) => {
  const results: PageResult[] = [];
  for (const page of request.pages) results.push(await checkPage(request.root, page));
  parentPort!.postMessage(results);
});
