/**
 * Front end for Milvus-rendered pages: YAML front matter, then HTML whose code blocks carry
 * highlight.js spans, entities and copy buttons.
 *
 * Most pages (nine in ten of the corpus) are read straight into mdast by direct-reader.ts, which
 * gives exactly what the tree path below gives, in one pass; it declines any page outside its
 * subset, and the tree path reads that page. The tree path is the reference: the corpus suite
 * compares the two on every page it can.
 *
 * On the tree path the HTML becomes hast: a page that only nests (most Milvus pages) through well-formed-html.ts,
 * which builds exactly rehype-parse's tree several times faster, any other page through
 * rehype-parse (parse5). The hast becomes mdast through hast-util-to-mdast's handlers (driven by
 * the faster port in hast-to-mdast.ts) with our handlers for what
 * the model cares about: code blocks (text exactly as a reader copies it, with a map back to the
 * source), headings (their anchor ids) and alert boxes (asides). The shared builder then makes the step model, so this page
 * and its imported Markdown give the same guide.
 *
 * Before the conversion the hast is tidied the way a browser would show it (see `prepare`): page
 * chrome dropped, block content that the HTML parser left inside a heading moved after it, stray
 * `<li>`s given a list, and each code block's text taken out of its highlight markup. After it,
 * table cells that hold lists or paragraphs become one line of phrasing per block (joined by
 * breaks), because a Markdown table cell can hold nothing else, and unsafe URLs are neutralized.
 */
import type { Element, ElementContent, Root as HastRoot, RootContent as HastRootContent, Text as HastText } from 'hast';
import type { ContainerDirective } from 'mdast-util-directive';
import type { Break, Code, Heading, InlineCode, Nodes as MdastNodes, PhrasingContent, Root as MdastRoot, RootContent, Table, TableCell, TableRow } from 'mdast';
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { defaultHandlers, toMdast, type Handle, type State } from 'hast-util-to-mdast';
import { toText } from 'hast-util-to-text';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { location } from 'vfile-location';
import { VFile } from 'vfile';
import type { Segment } from '../model.ts';
import { mergeAdjacentText, neutralizeUnsafeUrls } from './safe-url.ts';
import { codeDataOnDemand } from './code-data.ts';
import { blankScannedCode, scanCodeBlocks, scannedSegments, type ScannedCode } from './code-scan.ts';
import { convertHast, handlerTable, wrap, wrapNeeded } from './hast-to-mdast.ts';
import { handleTable } from './table-handler.ts';
import { minifyWhitespace } from './whitespace.ts';
import { buildWellFormedHtml, HEADINGS } from './well-formed-html.ts';
import { readMilvusPageDirectly } from './direct-reader.ts';
import { ALERT_CLASSES, asideVariant, languageOfClasses, linkTarget, TAB_BARS, withoutTrailingLineEnds } from './milvus-page.ts';
import { reportRecoveries, shorten } from './html-recoveries.ts';
import { codeInMessage } from '../code-in-message.ts';

export interface HtmlWarning {
  reason: string;
  line: number;
  column: number;
  ruleId: string;
}

const htmlParser = unified().use(rehypeParse, { fragment: true, emitParseErrors: true });

interface ExtractedCode {
  text: string;
  /** Where each character came from: found again from the source when a scanned block is placed. */
  segments: () => Segment[];
  lang: string | null;
}

export interface MilvusHtmlOptions {
  /**
   * Let hast-util-to-mdast copy the tree, minify its whitespace and convert it (tables included)
   * itself, as it does by default (slower; the corpus suite uses it to check that the ports in
   * whitespace.ts, hast-to-mdast.ts and table-handler.ts agree).
   */
  libraryWhitespace?: boolean;
  /** Read Milvus code blocks with the fast scanner (default); false leaves all of them to the HTML parser. */
  scanCode?: boolean;
  /** Build well-formed pages with the fast tree builder (default); false always uses rehype-parse. */
  wellFormedTree?: boolean;
  /** Read pages in the direct reader's subset straight into mdast (default); false always builds the HTML tree. */
  directReader?: boolean;
  /**
   * The page as read, and where its body starts (`maskedText` is that text with the front matter
   * blanked). Given it, the direct reader reads the page itself and the masked text is only
   * flattened (a copy of the page, which every string cut from it would keep alive) when the tree
   * path reads it.
   */
  page?: { text: string; bodyStart: number };
}

/** Parse the body of a Milvus page (front matter already blanked out) into mdast. */
export function milvusHtmlToMdast(maskedText: string, path: string, options: MilvusHtmlOptions = {}): { tree: MdastRoot; warnings: HtmlWarning[]; read: 'direct' | 'tree' } {
  const page = options.page ?? { text: maskedText, bodyStart: 0 };
  // The page's code blocks are the masked text's: the two are the same from the body on.
  const scan = options.scanCode === false ? null : scanCodeBlocks(page.text, page.bodyStart);
  if (scan && options.directReader !== false && options.wellFormedTree !== false && !options.libraryWhitespace) {
    const direct = readMilvusPageDirectly(page.text, scan, page.bodyStart);
    if (direct) {
      collapseText(direct.tree);
      finish(direct.tree, direct.tableParts);
      return { tree: direct.tree, warnings: direct.warnings, read: 'direct' };
    }
  }
  // A `<pre>` without `<code>` is the direct reader's only: the tree path checks that the parser
  // built `<pre><code>` at each scanned place.
  const treeScan = scan && scan.some((block) => block.codeStart === -1) ? scan.filter((block) => block.codeStart !== -1) : scan;
  const toPoint = location(maskedText).toPoint;
  // When the parser did not build the scanned blocks as expected, the page is parsed as written.
  const fastTree = options.wellFormedTree !== false;
  const parsed = (treeScan && treeScan.length > 0 ? parseHtml(maskedText, path, treeScan, fastTree, toPoint) : null) ?? parseHtml(maskedText, path, null, fastTree, toPoint)!;
  const { hast, warnings } = parsed;

  const codes: ExtractedCode[] = [];
  const context: PrepareContext = { source: maskedText, toPoint, warnings, codes, ids: new Map(), scanned: parsed.scanned, tableParts: false, foreign: 0 };
  prepare(hast, context);

  const handlePre = (state: State, node: Element): Code => {
    const index = (node.data as { polyguideCode?: number } | undefined)?.polyguideCode;
    const info = index === undefined ? null : codes[index]!;
    const text = info?.text ?? '';
    const result: Code = { type: 'code', lang: info?.lang ?? null, meta: null, value: text };
    state.patch(node, result);
    result.data = { polyguide: codeDataOnDemand(text, result.position?.start ?? { line: 1, column: 1 }, info?.segments ?? (() => [])) } as Code['data'];
    return result;
  };

  let tree: MdastRoot;
  if (options.libraryWhitespace) {
    tree = toMdast(hast, { handlers: { ...PAGE_HANDLERS, pre: handlePre } }) as MdastRoot;
  } else {
    // hast-util-to-mdast copies its input and minifies the copy's whitespace before converting;
    // both cost more than parsing the HTML. The tree is ours to change, so it is minified in place
    // by a faithful, faster port, and converted by a port of the library's driver that calls the
    // same handlers (hast-to-mdast.ts). collapseText is the library's last pass, ported too.
    minifyWhitespace(hast);
    const handlers = Object.create(FAST_HANDLERS) as Record<string, Handle>;
    handlers.pre = handlePre;
    tree = convertHast(hast, handlers, context.ids);
    collapseText(tree);
  }
  // The direct reader declines any heading that holds a block: only trees from here need this.
  splitHeadings(tree);
  finish(tree, context.tableParts);
  // In document order, as the direct reader gives them (the walk reports a parent's children before their descendants).
  warnings.sort((a, b) => a.line - b.line || a.column - b.column);
  return { tree, warnings, read: 'tree' };
}

/** The passes after conversion, the same for both ways of reading a page. */
function finish(tree: MdastRoot, tableParts: boolean): void {
  // Table structure in mdast comes only from table elements in the hast.
  if (tableParts) {
    flattenTableCells(tree);
    repairStrayParts(tree);
  }
  neutralizeUnsafeUrls(tree);
}

/**
 * A heading that holds blocks: `<h1>Title<a> Now run.` left open takes in the code blocks and
 * headings after it, inside the link, where prepare's splitHeading (which moves blocks that stand
 * in the heading itself) cannot reach them, and their code was never checked. A reader sees a
 * heading and then the blocks: the heading keeps the phrasing before the first block, the blocks
 * follow it, and phrasing between or after them becomes paragraphs (hast-util-to-mdast's `wrap`,
 * which also splits a link around the blocks in it).
 */
function splitHeadings(parent: MdastParent): void {
  const children = parent.children as MdastNodes[];
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!;
    if (node.type === 'heading' && wrapNeeded(node.children as MdastNodes[])) {
      const parts = wrap(node.children as MdastNodes[]);
      const title = parts[0]?.type === 'paragraph' ? parts.shift()! : null;
      node.children = title && 'children' in title ? (title.children as PhrasingContent[]) : [];
      children.splice(index + 1, 0, ...parts);
      // The blocks taken out are looked at in turn (a heading among them may hold blocks too).
      continue;
    }
    if ('children' in node) splitHeadings(node as MdastParent);
  }
}

/**
 * hast-util-to-mdast's final pass, ported: adjacent text nodes merge, and the whitespace around
 * the first line end of a text (the first only, as there) and at the edges of headings,
 * paragraphs and the root is dropped. The corpus suite checks it against the library.
 */
function collapseText(parent: MdastParent): void {
  const children = parent.children as MdastNodes[];
  let index = 0;
  while (index < children.length) {
    const node = children[index]!;
    if (node.type !== 'text') {
      if ('children' in node) collapseText(node);
      index++;
      continue;
    }
    const previous = children[index - 1];
    if (previous?.type === 'text') {
      previous.value += node.value;
      children.splice(index, 1);
      if (previous.position && node.position) previous.position.end = node.position.end;
      // The merged text is looked at again as a whole.
      index--;
      continue;
    }
    // The regular expressions only run where they can match (most texts have no line end).
    if (node.value.includes('\n') || node.value.includes('\r')) node.value = node.value.replace(/[\t ]*(\r?\n|\r)[\t ]*/, '$1');
    if (parent.type === 'heading' || parent.type === 'paragraph' || parent.type === 'root') {
      if (index === 0 && isSpaceOrTab(node.value.charCodeAt(0))) node.value = node.value.replace(/^[\t ]+/, '');
      if (index === children.length - 1 && isSpaceOrTab(node.value.charCodeAt(node.value.length - 1))) node.value = node.value.replace(/[\t ]+$/, '');
    }
    if (node.value === '') {
      children.splice(index, 1);
      continue;
    }
    index++;
  }
}

type MdastParent = Extract<MdastNodes, { children: unknown }>;

function isSpaceOrTab(code: number): boolean {
  return code === 32 || code === 9;
}

interface ParsedHtml {
  hast: HastRoot;
  warnings: HtmlWarning[];
  /** Code blocks read by the scanner, by the offset of their `<pre`. */
  scanned: Map<number, ScannedCode> | null;
}

function parseHtml(maskedText: string, path: string, scan: ScannedCode[] | null, fastTree: boolean, toPoint: ToPoint): ParsedHtml | null {
  const scanned = scan ? new Map(scan.map((block) => [block.start, block])) : null;
  const wellFormed = fastTree ? buildWellFormedHtml(maskedText, { hollowAnchorButtons: true, scannedContents: scan ?? [] }) : null;
  // A well-formed page gives the parser nothing to complain about (it would end the same way).
  if (wellFormed) return scanned && !parserBuiltScannedBlocks(wellFormed, scanned) ? null : { hast: wellFormed, warnings: [], scanned };
  const file = new VFile({ path, value: scan ? blankScannedCode(maskedText, scan) : maskedText });
  const hast = htmlParser.parse(file) as HastRoot;
  endAtEndOfText(hast, maskedText.length, toPoint);
  if (scanned && !parserBuiltScannedBlocks(hast, scanned)) return null;
  const warnings: HtmlWarning[] = [];
  // The HTML parser recovers from everything; of its complaints only a file cut short matters here.
  for (const message of file.messages) {
    if (!message.ruleId?.startsWith('eof-')) continue;
    warnings.push(truncation(message.ruleId, maskedText, toPoint) ?? { reason: `Unexpected end of file (${message.reason}), expected the rest of the page`, line: message.line ?? 1, column: message.column ?? 1, ruleId: 'source/truncated-html' });
  }
  return { hast, warnings, scanned };
}

/**
 * A page cut off in a comment or a tag, warned where that comment or tag opens: the parser names
 * the end of the file, where nothing can be mended.
 */
function truncation(ruleId: string, text: string, toPoint: ToPoint): HtmlWarning | null {
  let at = -1;
  let reason = '';
  if (ruleId === 'eof-in-comment') {
    // The comment that runs to the end opens at the first `<!--` after the last `-->`.
    const lastClose = text.lastIndexOf('-->');
    at = text.indexOf('<!--', lastClose === -1 ? 0 : lastClose + 3);
    reason = 'Unexpected end of file inside the comment that opens here, expected `-->` to close it: browsers hide the rest of the page';
  } else if (ruleId === 'eof-in-tag') {
    at = text.lastIndexOf('<');
    reason = `Unexpected end of file inside the tag ${codeInMessage(shorten(text.slice(at)))}, expected its closing \`>\`: browsers drop the tag`;
  }
  if (at === -1) return null;
  const point = toPoint(at)!;
  return { reason, line: point.line, column: point.column, ruleId: 'source/truncated-html' };
}

/**
 * parse5 ends a comment cut off by the end of the page one character past it (and the elements
 * around it with it): such places are moved back to the end, so that no finding points past the
 * last line.
 */
function endAtEndOfText(hast: HastRoot, length: number, toPoint: ToPoint): void {
  let end: { line: number; column: number } | undefined;
  const clamp = (point: { line: number; column: number; offset?: number }): void => {
    if ((point.offset ?? 0) <= length) return;
    end ??= toPoint(length)!;
    point.line = end.line;
    point.column = end.column;
    point.offset = length;
  };
  // Only pages the fast tree builder declined come here: the walk is not on the common path.
  const visit = (node: HastRoot | HastRootContent): void => {
    if (node.position) {
      clamp(node.position.start);
      clamp(node.position.end);
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(hast);
}

/**
 * Elements a scanned block may sit in: each hands its children to the handlers one by one (other
 * elements, such as `<code>`, `<textarea>` or a table inside a table, turn their whole content into
 * text, which would lack the skipped code), and none changes how the block's own markup parses (a
 * `<button>` ancestor would be closed by the copy button).
 */
const SCAN_SAFE_ANCESTORS = new Set(['div', 'ul', 'ol', 'li', 'menu', 'details', 'summary', 'section', 'article', 'aside', 'main', 'header', 'footer', 'nav', 'blockquote', 'figure', 'figcaption', 'dl', 'dt', 'dd', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'center', 'form', 'fieldset', 'address', 'span']);

/**
 * Every scanned block must have become `<pre><code>content</code></pre>` at exactly its place, inside
 * elements that convert their children one by one (see SCAN_SAFE_ANCESTORS, and at most one table).
 */
function parserBuiltScannedBlocks(hast: HastRoot, scanned: Map<number, ScannedCode>): boolean {
  let found = 0;
  let ok = true;
  const visit = (parent: HastRoot | Element, safe: boolean, tables: number): void => {
    for (const child of parent.children) {
      if (!ok || child.type !== 'element') continue;
      if (child.tagName === 'pre') {
        const block = scanned.get(child.position?.start.offset ?? -1);
        if (block) {
          found++;
          if (!safe || !isBlankedBlock(child, block)) ok = false;
          continue;
        }
      }
      const tableDepth = tables + (child.tagName === 'table' ? 1 : 0);
      visit(child, safe && SCAN_SAFE_ANCESTORS.has(child.tagName) && tableDepth <= 1, tableDepth);
    }
  };
  visit(hast, true, 0);
  return ok && found === scanned.size;
}

function isBlankedBlock(pre: Element, block: ScannedCode): boolean {
  if (pre.position?.end.offset !== block.end || pre.children.length !== 1) return false;
  const code = pre.children[0]!;
  if (code.type !== 'element' || code.tagName !== 'code' || code.position?.start.offset !== block.codeStart) return false;
  if (code.position?.end.offset !== block.contentEnd + '</code>'.length) return false;
  if (block.contentEnd === block.contentStart) return code.children.length === 0;
  const text = code.children[0];
  return code.children.length === 1 && text!.type === 'text' && text!.position?.start.offset === block.contentStart && text!.position?.end.offset === block.contentEnd;
}

/** vfile-location's `toPoint` for the page being read. */
type ToPoint = (offset?: number | null) => { line: number; column: number; offset?: number } | undefined;

interface PrepareContext {
  /** Code blocks read by the scanner, by the offset of their `<pre`. */
  scanned: Map<number, ScannedCode> | null;
  source: string;
  toPoint: ToPoint;
  warnings: HtmlWarning[];
  codes: ExtractedCode[];
  /** Elements by id, first one wins (hast-util-to-mdast's `elementById`). */
  ids: Map<string, Element>;
  /** Whether the page has a table, row or cell element (outside code). */
  tableParts: boolean;
  /** How many `<svg>` or `<math>` elements the walk is inside (their markup has rules of its own). */
  foreign: number;
}

const TABLE_PART_TAGS = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th']);
const LISTS = new Set(['ul', 'ol', 'menu', 'dir']);
/** Elements that are blocks to a reader: a heading holding one is really a heading followed by it. */
const FLOW_BLOCKS = new Set(['address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul', 'li', 'menu']);
/**
 * Tidy the hast in place: drop chrome and comments, move blocks out of headings, give stray `<li>`s a list,
 * and take each code block's text out of its markup.
 */
function prepare(parent: HastRoot | Element, context: PrepareContext): void {
  if (context.foreign === 0) reportRecoveries(parent, context.source, context.warnings);
  // Comments are not shown to a reader (hast-util-to-mdast would keep them as raw HTML).
  // Most elements have nothing to drop: their children are kept as they are, not copied.
  let children = parent.children.some(isDropped) ? parent.children.filter((child) => !isDropped(child)) : parent.children;
  if (children.some((child) => child.type === 'element' && HEADINGS.has(child.tagName) && child.children.some(isFlowBlock))) {
    children = children.flatMap((child) => (child.type === 'element' && HEADINGS.has(child.tagName) ? splitHeading(child) : [child]));
  }
  if (!(parent.type === 'element' && LISTS.has(parent.tagName)) && children.some((child) => child.type === 'element' && child.tagName === 'li')) {
    children = wrapStrayListItems(children);
  }
  parent.children = children as Element['children'];
  for (const child of children) {
    if (child.type !== 'element') continue;
    const id = child.properties?.id;
    if (typeof id === 'string' && id !== '' && !context.ids.has(id)) context.ids.set(id, child);
    if (child.tagName === 'pre') preparePre(child, context);
    else {
      if (TABLE_PART_TAGS.has(child.tagName)) context.tableParts = true;
      const foreign = child.tagName === 'math' || child.tagName === 'svg';
      if (foreign) context.foreign++;
      prepare(child, context);
      if (foreign) context.foreign--;
    }
  }
}

function isDropped(node: HastRootContent): boolean {
  return node.type === 'comment' || (node.type === 'element' && isChrome(node));
}

function isFlowBlock(node: ElementContent): boolean {
  return node.type === 'element' && FLOW_BLOCKS.has(node.tagName);
}

/**
 * `<h3>Title<pre>…</pre></h3>` (the HTML parser makes it from `<p><h3>Syntax<h3></p><pre>`) is
 * shown as a heading and then a code block; the model says so. Phrasing after a block becomes a
 * paragraph; a heading left with neither text nor id disappears.
 */
function splitHeading(heading: Element): Array<HastRootContent> {
  if (!heading.children.some(isFlowBlock)) return [heading];
  const out: HastRootContent[] = [];
  let run: ElementContent[] = [];
  let head: Element | null = null;
  const flush = (): void => {
    if (head === null) {
      head = { ...heading, children: run };
      const hasText = run.some((node) => !(node.type === 'text' && node.value.trim() === '') && node.type !== 'comment');
      const id = heading.properties?.id;
      if (hasText || (typeof id === 'string' && id !== '')) {
        const end = run.at(-1)?.position?.end;
        if (heading.position && end) head.position = { start: heading.position.start, end };
        out.push(head);
      }
    } else if (run.some((node) => !(node.type === 'text' && node.value.trim() === '') && node.type !== 'comment')) {
      const paragraph: Element = { type: 'element', tagName: 'p', properties: {}, children: run };
      const start = run[0]?.position?.start;
      const end = run.at(-1)?.position?.end;
      if (start && end) paragraph.position = { start, end };
      out.push(paragraph);
    }
    run = [];
  };
  for (const child of heading.children) {
    if (isFlowBlock(child)) {
      flush();
      out.push(child as Element);
    } else {
      run.push(child);
    }
  }
  flush();
  return out;
}

/** `<li>`s outside any list (as in some alert boxes) are shown as a bulleted list. */
function wrapStrayListItems(children: HastRootContent[]): HastRootContent[] {
  const out: HastRootContent[] = [];
  let list: Element | null = null;
  let pending: HastText[] = [];
  for (const child of children) {
    if (child.type === 'element' && child.tagName === 'li') {
      if (list === null) {
        list = { type: 'element', tagName: 'ul', properties: {}, children: [] };
        if (child.position) list.position = { start: child.position.start, end: child.position.end };
        out.push(list);
      }
      list.children.push(...pending, child);
      pending = [];
      if (child.position && list.position) list.position = { start: list.position.start, end: child.position.end };
      continue;
    }
    if (list !== null && child.type === 'text' && child.value.trim() === '') {
      pending.push(child);
      continue;
    }
    // Whitespace after the last item stays outside the list.
    out.push(...pending, child);
    pending = [];
    list = null;
  }
  out.push(...pending);
  return out;
}

function preparePre(pre: Element, context: PrepareContext): void {
  const code = pre.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code') ?? pre;
  const scanned = context.scanned?.get(pre.position?.start.offset ?? -1);
  const source = context.source;
  const extracted = scanned ? { text: withoutTrailingLineEnds(scanned.text), segments: () => scannedSegments(source, scanned) } : extractCode(code, context);
  context.codes.push({ ...extracted, lang: languageOf(code) ?? languageOf(pre) });
  pre.data = { ...(pre.data ?? {}), polyguideCode: context.codes.length - 1 } as Element['data'];
  if (!hasClosingTag(context.source, pre)) {
    const start = pre.position?.start ?? { line: 1, column: 1 };
    context.warnings.push({
      reason: 'Unexpected end of file inside a code block, expected `</code></pre>` (the code up to the end of the file was kept)',
      line: start.line,
      column: start.column,
      ruleId: 'source/unclosed-code',
    });
  }
  // The text is taken; the highlight markup need not be copied and walked again.
  pre.children = [];
}

function isChrome(element: Element): boolean {
  if (element.tagName === 'svg' || element.tagName === 'script' || element.tagName === 'style' || element.tagName === 'template' || element.tagName === 'noscript') return true;
  if (element.tagName !== 'button') return false;
  const classes = classList(element);
  return classes.includes('anchor-icon') || classes.includes('copy-code-btn');
}

function hasClosingTag(source: string, pre: Element): boolean {
  const end = pre.position?.end?.offset;
  if (end === undefined) return true;
  return /<\/pre\s*>$/i.test(source.slice(Math.max(0, end - 12), end));
}

function extractCode(code: Element, context: PrepareContext): { text: string; segments: () => Segment[] } {
  let text = '';
  const segments: Segment[] = [];
  const visit = (nodes: ElementContent[]): void => {
    for (const node of nodes) {
      if (node.type === 'text') {
        mapText(node, text.length, context, segments, code.tagName === 'pre' && node === code.children[0]);
        text += node.value;
      } else if (node.type === 'element') {
        if (node.tagName === 'button' || node.tagName === 'svg' || node.tagName === 'script' || node.tagName === 'style') continue;
        if (node.tagName === 'br') {
          const point = node.position?.start;
          if (point) segments.push([text.length, point.line, point.column]);
          text += '\n';
          continue;
        }
        visit(node.children);
      }
    }
  };
  visit(code.children);
  return { text: withoutTrailingLineEnds(text), segments: () => segments };
}


/** Map a text node's decoded characters back to source columns, stepping over entities. */
function mapText(node: HastText, codeOffset: number, context: PrepareContext, segments: Segment[], firstInPre = false): void {
  let start = node.position?.start?.offset;
  const end = node.position?.end?.offset;
  if (start === undefined || end === undefined) return;
  // The parser drops a line feed right after `<pre …>` from the text, whose place still starts there.
  if (firstInPre && context.source.charCodeAt(start) === 10 && context.source.charCodeAt(start - 1) === 62 /* > */) start++;
  const raw = context.source.slice(start, end);
  const value = node.value;
  const push = (decoded: number, rawIndex: number): void => {
    const point = context.toPoint(start + rawIndex);
    if (point) segments.push([codeOffset + decoded, point.line, point.column]);
  };
  push(0, 0);
  let r = 0;
  let d = 0;
  while (r < raw.length && d < value.length) {
    if (raw.charCodeAt(r) === 38 /* & */) {
      const entity = decodeEntityAt(raw, r);
      if (entity && value.startsWith(entity.value, d)) {
        r += entity.length;
        d += entity.value.length;
        push(d, r);
        continue;
      }
    }
    if (raw[r] !== value[d]) push(d, r);
    if (value.charCodeAt(d) === 10) {
      r++;
      d++;
      push(d, r);
      continue;
    }
    r++;
    d++;
  }
}

const ENTITY = /^&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{0,31}));?/;

function decodeEntityAt(raw: string, index: number): { value: string; length: number } | null {
  const match = ENTITY.exec(raw.slice(index, index + 40));
  if (!match) return null;
  if (match[1] !== undefined || match[2] !== undefined) {
    const codePoint = match[1] !== undefined ? Number.parseInt(match[1], 16) : Number.parseInt(match[2]!, 10);
    if (codePoint > 0x10ffff) return null;
    return { value: String.fromCodePoint(codePoint === 0 ? 0xfffd : codePoint), length: match[0].length };
  }
  const decoded = decodeNamedCharacterReference(match[3]!);
  return decoded === false ? null : { value: decoded, length: match[0].length };
}

function classList(element: Element): string[] {
  const value: unknown = element.properties?.className;
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
}

function languageOf(element: Element): string | null {
  return languageOfClasses(classList(element));
}

function handleHeading(state: State, node: Element): Heading {
  const heading = defaultHandlers[node.tagName as 'h1'](state, node) as Heading;
  const id = node.properties?.id;
  if (typeof id === 'string' && id !== '') heading.data = { ...(heading.data ?? {}), id } as Heading['data'];
  return heading;
}

function handleDiv(state: State, node: Element): MdastNodes | MdastNodes[] | undefined {
  const classes = classList(node);
  if (classes.some((name) => TAB_BARS.has(name))) {
    const labels = node.children
      .filter((child): child is Element => child.type === 'element' && child.tagName === 'a')
      .map((link) => toText(link).trim())
      .filter((label) => label !== '');
    if (labels.length === 0) return undefined;
    const paragraph = { type: 'paragraph' as const, children: [{ type: 'text' as const, value: labels.join(' · ') }] };
    state.patch(node, paragraph);
    return paragraph;
  }
  const isAlert = classes.some((name) => ALERT_CLASSES.has(name));
  if (!isAlert) return defaultHandlers.div(state, node);
  const aside: ContainerDirective = {
    type: 'containerDirective',
    name: asideVariant(classes),
    attributes: {},
    children: state.toFlow(state.all(node)) as ContainerDirective['children'],
  };
  state.patch(node, aside as unknown as RootContent);
  return aside as unknown as MdastNodes;
}

function handleLink(state: State, node: Element): MdastNodes | MdastNodes[] | undefined {
  const href = node.properties?.href;
  // `<a>` without `href` is plain text to a reader (hast-util-to-mdast would make a link to nothing).
  if (href === undefined || href === null) return state.all(node);
  if (typeof href === 'string' && linkTarget(href) !== href) {
    node = { ...node, properties: { ...node.properties, href: linkTarget(href) } };
  }
  return defaultHandlers.a(state, node);
}

/** Our handlers over the library's (code blocks are per page: their texts were taken out by `prepare`). */
const PAGE_HANDLERS: Record<string, Handle> = { h1: handleHeading, h2: handleHeading, h3: handleHeading, h4: handleHeading, h5: handleHeading, h6: handleHeading, div: handleDiv, a: handleLink };
/** The same over the library's handlers, with the ported table handler (see table-handler.ts), built once. */
const FAST_HANDLERS = handlerTable({ ...PAGE_HANDLERS, table: handleTable });

const PHRASING = new Set(['text', 'emphasis', 'strong', 'delete', 'inlineCode', 'break', 'link', 'linkReference', 'image', 'imageReference', 'html', 'footnoteReference', 'textDirective', 'inlineMath']);

/**
 * A Markdown table cell holds one line of phrasing. A cell whose HTML holds lists or paragraphs
 * becomes their phrasing, one line per list item or paragraph, joined by breaks (`<br>` in Markdown).
 */
function flattenTableCells(tree: MdastRoot): void {
  const visitNode = (node: MdastNodes): void => {
    if (node.type === 'table') {
      if (node.children.some((child) => (child as MdastNodes).type !== 'tableRow')) liftRows(node);
      flattenTable(node);
      return;
    }
    if ('children' in node) for (const child of node.children) visitNode(child as MdastNodes);
  };
  visitNode(tree);
}

/** Phrasing that wraps other phrasing, which hast-util-to-mdast may wrap around a table's rows. */
const WRAPPERS = new Set(['link', 'emphasis', 'strong', 'delete']);

/**
 * `<a href="x"><table>…</table></a>`: hast-util-to-mdast puts the link between the table and its
 * rows, where mdast has no place for it (and later passes failed on it). The rows are taken out of
 * such wrappers and the wrappers go into each cell, around its content, as a reader sees it: every
 * cell is a link. Anything else there that is not white space becomes a row of one cell.
 */
function liftRows(table: Table): void {
  const rows: TableRow[] = [];
  const lift = (node: MdastNodes, wrappers: Array<MdastNodes & { children: PhrasingContent[] }>): void => {
    if (node.type === 'tableRow') {
      rows.push(wrappers.length === 0 ? node : { ...node, children: node.children.map((cell) => wrapCell(cell, wrappers)) });
    } else if (WRAPPERS.has(node.type) && 'children' in node) {
      for (const child of node.children as MdastNodes[]) lift(child, [...wrappers, node as MdastNodes & { children: PhrasingContent[] }]);
    } else if (!(node.type === 'text' && node.value.trim() === '')) {
      const cell: TableCell = { type: 'tableCell', children: [node as PhrasingContent] };
      rows.push({ type: 'tableRow', children: [wrapCell(cell, wrappers)] });
    }
  };
  for (const child of table.children as MdastNodes[]) lift(child, []);
  table.children = rows;
}

function wrapCell(cell: TableCell, wrappers: Array<MdastNodes & { children: PhrasingContent[] }>): TableCell {
  if (cell.children.length === 0) return cell;
  let children = cell.children;
  for (let index = wrappers.length - 1; index >= 0; index--) children = [{ ...wrappers[index]!, children } as PhrasingContent];
  return { ...cell, children };
}

function flattenTable(table: Table): void {
  for (const row of table.children) {
    for (const cell of row.children) {
      const children = cell.children as MdastNodes[];
      if (children.every((child) => PHRASING.has(child.type))) continue;
      const lines = blockLines(children);
      const flat: PhrasingContent[] = [];
      lines.forEach((line, index) => {
        if (index > 0) flat.push({ type: 'break' } satisfies Break);
        for (const node of line) flat.push(node);
      });
      const merged = { type: 'paragraph', children: flat } as const;
      mergeAdjacentText(merged);
      cell.children = trimLineEnds(merged.children);
    }
  }
}

/**
 * Lines of phrasing for a run of mixed content: a phrasing run is one line, each block adds its own.
 * (Lines are appended one by one: spread into `push`, a cell of a hundred thousand items would
 * overflow the call stack.)
 */
function blockLines(nodes: MdastNodes[], lines: PhrasingContent[][] = []): PhrasingContent[][] {
  let run: PhrasingContent[] = [];
  const flush = (): void => {
    if (run.some((node) => !(node.type === 'text' && node.value.trim() === ''))) lines.push(run);
    run = [];
  };
  for (const node of nodes) {
    if (PHRASING.has(node.type)) {
      run.push(node as PhrasingContent);
      continue;
    }
    flush();
    switch (node.type) {
      case 'paragraph':
      case 'heading':
        blockLines(node.children as MdastNodes[], lines);
        break;
      case 'list':
        for (const item of node.children) blockLines(item.children as MdastNodes[], lines);
        break;
      case 'listItem':
      case 'blockquote':
        blockLines(node.children as MdastNodes[], lines);
        break;
      case 'code':
        for (const line of node.value.split('\n')) lines.push([{ type: 'inlineCode', value: line } satisfies InlineCode]);
        break;
      default:
        if ('children' in node) blockLines(node.children as MdastNodes[], lines);
    }
  }
  flush();
  return lines;
}

/** Whitespace at either side of a break is not shown; keep it out of the cell's text. */
function trimLineEnds(nodes: PhrasingContent[]): PhrasingContent[] {
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.type !== 'text') continue;
    const previous = nodes[i - 1];
    const next = nodes[i + 1];
    if (i === 0 || previous?.type === 'break') node.value = node.value.replace(/^[ \t\n]+/, '');
    if (i === nodes.length - 1 || next?.type === 'break') node.value = node.value.replace(/[ \t\n]+$/, '');
  }
  return nodes.filter((node) => !(node.type === 'text' && node.value === ''));
}

/**
 * Table rows and cells outside a table (an unknown element such as `<tr.>` that the HTML parser
 * moved out of its table, a stray `<td>`) are not structure a reader sees: an empty one is dropped,
 * one with content becomes a paragraph of it.
 */
function repairStrayParts(tree: MdastRoot): void {
  const visitParent = (parent: MdastNodes & { children: MdastNodes[] }): void => {
    const inTable = parent.type === 'table' || parent.type === 'tableRow';
    if (!inTable) {
      for (let index = 0; index < parent.children.length; index++) {
        const node = parent.children[index]!;
        if (node.type !== 'tableRow' && node.type !== 'tableCell') continue;
        const cells = node.type === 'tableRow' ? node.children : [node];
        const content: PhrasingContent[] = [];
        for (const cell of cells) {
          if (cell.children.length === 0) continue;
          if (content.length > 0) content.push({ type: 'text', value: ' ' });
          for (const child of cell.children) content.push(child);
        }
        if (content.length === 0) {
          parent.children.splice(index--, 1);
          continue;
        }
        const paragraph = { type: 'paragraph', children: content } as const;
        mergeAdjacentText(paragraph);
        parent.children[index] = node.position ? { ...paragraph, position: node.position } : paragraph;
      }
    }
    for (const child of parent.children) if ('children' in child) visitParent(child as MdastNodes & { children: MdastNodes[] });
  };
  visitParent(tree as MdastNodes & { children: MdastNodes[] });
}
