/**
 * Front end for Markdown guides: CommonMark + GFM + directives (Starlight's `:::note` asides),
 * headings with `{#anchor}` ids.
 */
import type { Break, Code, Heading, Html, Nodes, Paragraph, Root, Text } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit, SKIP } from 'unist-util-visit';
import type { Point, Segment } from '../model.ts';
import { codeInMessage } from '../code-in-message.ts';
import { mergeTextSiblings, neutralizeUnsafeUrls } from './safe-url.ts';
import { markdownCuts, type CutOptions } from './markdown-chunks.ts';
import { reportRawHtmlTags } from './html-recoveries.ts';
import type { CodeData } from './code-data.ts';

const markdownParser = unified().use(remarkParse).use(remarkGfm).use(remarkDirective);

export interface MarkdownWarning {
  reason: string;
  line: number;
  column: number;
  ruleId: string;
}

/**
 * Parse Markdown (front matter already blanked out) into mdast with anchors and code maps. A large
 * page is parsed in pieces (markdown-chunks.ts) whose trees join into the tree of the whole.
 */
export function markdownToMdast(maskedText: string, cutOptions?: CutOptions): { tree: Root; warnings: MarkdownWarning[] } {
  const cuts = markdownCuts(maskedText, cutOptions);
  const tree = cuts.length === 0 ? (markdownParser.parse(maskedText) as Root) : parseInPieces(maskedText, cuts);
  const warnings: MarkdownWarning[] = [];
  tidy(tree, { source: maskedText, lines: maskedText.split('\n'), warnings });
  neutralizeUnsafeUrls(tree);
  // Found parent by parent (a block's raw HTML before the inline HTML of its paragraphs): told in reading order.
  warnings.sort((a, b) => a.line - b.line || a.column - b.column);
  return { tree, warnings };
}

/**
 * The cuts are guesses from lines alone: a fence in a list item looks like one at the top level,
 * and a line that ends the item then opens an HTML block the guess never saw. And micromark carries
 * some state across blank lines (after indented code, `2. x` is a paragraph, not a list). So each
 * join is checked: the piece's last block and the next piece's first block, parsed again together
 * (from the last block's line to the end of the first), must come out as the two pieces have them.
 * Where they do not, the two pieces are parsed as one, reaching twice as many cuts each time a join
 * fails again. A last block that takes in the blank lines before the cut (an HTML block, fence or
 * `:::` container left open) fails at once, without parsing its neighbour, so a block that runs to
 * the end of the page costs about twice its parse.
 */
function parseInPieces(text: string, cuts: number[]): Root {
  const ends = [...cuts, text.length];
  const linesBefore = linesBeforeEach(text, ends);
  const root: Root = { type: 'root', children: [] };
  let from = 0;
  let fromLines = 0;
  let end = 0;
  let current = parseSlice(text, 0, ends[0]!, 0);
  let reach = 1;
  while (end < ends.length - 1) {
    const nextEnd = Math.min(end + reach, ends.length - 1);
    const cut = ends[end]!;
    const following = runsIntoCut(text, current, cut) ? null : parseSlice(text, cut, ends[nextEnd]!, linesBefore[end]!);
    if (following !== null && joinsAt(text, current, following, cut)) {
      for (const child of current.children) root.children.push(child);
      current = following;
      from = cut;
      fromLines = linesBefore[end]!;
      reach = 1;
    } else {
      current = parseSlice(text, from, ends[nextEnd]!, fromLines);
      reach *= 2;
    }
    end = nextEnd;
  }
  for (const child of current.children) root.children.push(child);
  if (current.position) root.position = { start: { line: 1, column: 1, offset: 0 }, end: current.position.end };
  return root;
}

function parseSlice(text: string, from: number, to: number, linesBefore: number): Root {
  const piece = markdownParser.parse(text.slice(from, to)) as Root;
  if (from > 0) shiftPositions(piece, linesBefore, from);
  return piece;
}

/** The number of lines before each offset (ascending offsets, each at a line start). */
function linesBeforeEach(text: string, offsets: number[]): number[] {
  const counts: number[] = [];
  let lines = 0;
  let at = text.indexOf('\n');
  for (const offset of offsets) {
    while (at !== -1 && at < offset) {
      lines++;
      at = text.indexOf('\n', at + 1);
    }
    counts.push(lines);
  }
  return counts;
}

/** Whether the piece's last block goes on past its last line that is not blank (it was left open). */
function runsIntoCut(text: string, piece: Root, cut: number): boolean {
  const end = piece.children.at(-1)?.position?.end.offset;
  if (end === undefined) return false;
  let lastContent = cut - 1;
  while (lastContent >= 0 && /\s/.test(text[lastContent]!)) lastContent--;
  const lineEnd = text.indexOf('\n', lastContent + 1);
  return end > (lineEnd === -1 || lineEnd > cut ? cut : lineEnd);
}

/** Whether the whole page, too, ends `before`'s last block before `cut` and begins `after`'s first block there (see parseInPieces). */
function joinsAt(text: string, before: Root, after: Root, cut: number): boolean {
  const last = before.children.at(-1);
  const first = after.children[0];
  // Only blank lines before the cut (the masked front matter): nothing is open at it.
  if (last === undefined) return true;
  if (!last.position || first?.position?.end.offset === undefined || first.position.start.offset !== cut) return false;
  const from = text.lastIndexOf('\n', last.position.start.offset! - 1) + 1;
  const window = parseSlice(text, from, first.position.end.offset, last.position.start.line - 1);
  return window.children.length === 2 && JSON.stringify(window.children[0]) === JSON.stringify(last) && JSON.stringify(window.children[1]) === JSON.stringify(first);
}

/** A piece starts at the start of a line: its lines and offsets move, its columns stay. */
function shiftPositions(node: Nodes, lines: number, offset: number): void {
  const position = node.position;
  if (position) {
    node.position = {
      start: { line: position.start.line + lines, column: position.start.column, offset: (position.start.offset ?? 0) + offset },
      end: { line: position.end.line + lines, column: position.end.column, offset: (position.end.offset ?? 0) + offset },
    };
  }
  if ('children' in node) for (const child of node.children) shiftPositions(child, lines, offset);
}

interface TidyContext {
  source: string;
  lines: string[];
  warnings: MarkdownWarning[];
}

type AnyParent = { type: string; children: Nodes[] };

/**
 * One walk over the tree doing, for each parent's children: directives that are not asides back to
 * text (restoreTextDirectives), `<br>` to breaks (readHtmlBreaks), raw `<script>`/`<style>` dropped
 * (dropScripts), adjacent text merged, `{#id}` taken from headings (takeHeadingIds), code
 * blocks mapped to their source lines, and `:::` containers never closed reported. Each step only
 * looks at one parent's children, so doing them parent by parent gives what the separate passes
 * give, in a sixth of the time.
 */
function tidy(parent: AnyParent, context: TidyContext): void {
  const children = parent.children;
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!;
    if (node.type === 'textDirective' || node.type === 'leafDirective') {
      children[index] = directiveAsText(node, context.source);
    } else if (node.type === 'html') {
      if (!PHRASING_PARENTS.has(parent.type)) reportUnclosedHtmlBlock(node, context);
      if (isScript(node)) children.splice(index--, 1);
      else if (PHRASING_PARENTS.has(parent.type) && isBreak(node)) children[index] = breakFor(node);
      else if (node.position?.start.offset !== undefined && node.position.end.offset !== undefined) reportRawHtmlTags(context.source, node.position.start.offset, node.position.end.offset, node.position.start, context.warnings);
    }
  }
  mergeTextSiblings(children);
  if (parent.type === 'heading') takeHeadingId(parent as Heading);
  for (const child of children) {
    if (child.type === 'code') mapFencedCode(child, context.lines, context.warnings);
    else if ('children' in child) {
      if (child.type === 'containerDirective') reportUnclosedContainer(child, context);
      tidy(child as AnyParent, context);
    }
  }
}

/** The colons that open a container on its first line (after any quote markers), or '' when none do. */
function openingColons(node: ContainerDirective, context: TidyContext): string {
  const line = node.position ? context.lines[node.position.start.line - 1] ?? '' : '';
  return /^(?:\s*>)*\s*(:{3,})/.exec(line)?.[1] ?? '';
}

/**
 * A `:::note` container whose closing `:::` is missing runs, as the directive syntax says, to the
 * end of the file (or of the list item or quote holding it): the steps after it become part of
 * the note. The translator is told where it opened, as for an unclosed fence.
 */
function reportUnclosedContainer(node: ContainerDirective, context: TidyContext): void {
  const position = node.position;
  if (!position) return;
  const colons = openingColons(node, context);
  if (colons === '') return;
  const closing = new RegExp(`^(?:\\s*>)*\\s*:{${colons.length},}\\s*$`);
  // One closing line ends this container and the last one inside it. With a longer fence around a
  // shorter one (`::::note` around `:::tip`) that is nesting; with fences of the same length it is
  // a container left open, which took in a later one (and everything between).
  const last = node.children.at(-1);
  const sharedWithChild = last?.type === 'containerDirective' && last.position?.end.line === position.end.line && colons.length <= openingColons(last, context).length;
  if (!sharedWithChild && position.end.line > position.start.line && closing.test(context.lines[position.end.line - 1] ?? '')) return;
  context.warnings.push({
    reason: sharedWithChild
      ? `Unexpected \`${colons}${node.name}\` container that is never closed, expected a closing \`${colons}\` line (what follows it was read into it, up to the \`${colons}\` of the container inside it at line ${position.end.line})`
      : `Unexpected \`${colons}${node.name}\` container that is never closed, expected a closing \`${colons}\` line (what follows it was read into it, up to the end of the file or of its list item or quote)`,
    line: position.start.line,
    column: position.start.column,
    ruleId: 'source/unclosed-directive',
  });
}

/**
 * HTML blocks that end only at a marker (CommonMark's kinds 1 to 5): the opening, the marker, and
 * the marker as written in the message.
 */
const MARKED_HTML_BLOCKS: Array<[RegExp, RegExp, string]> = [
  [/^<(?:pre|script|style|textarea)(?=[\s>]|$)/i, /<\/(?:pre|script|style|textarea)>/i, '`</…>` end tag'],
  [/^<!--/, /-->/, '`-->`'],
  [/^<\?/, /\?>/, '`?>`'],
  [/^<!\[CDATA\[/, /\]\]>/, '`]]>`'],
  [/^<![A-Za-z]/, />/, '`>`'],
];

/**
 * An HTML comment, `<pre>`, `<script>`, `<style>`, `<textarea>`, `<?…`, `<!…` or CDATA block whose
 * end marker never comes runs, as CommonMark says, to the end of the file (or of the list item or
 * quote holding it): every step after it is raw HTML, which the site drops or shows as markup, and
 * its code is never checked. A translator's `<!-- TODO` left open hides the rest of the guide.
 */
function reportUnclosedHtmlBlock(node: Html, context: TidyContext): void {
  const value = node.value.trimStart();
  for (const [opening, marker, expected] of MARKED_HTML_BLOCKS) {
    const opened = opening.exec(value);
    if (!opened) continue;
    // The marker may close the block on its own line, even overlapping the opening (`<?>`, `<!-->`).
    if (marker.test(value) || !node.position) return;
    context.warnings.push({
      reason: `Unexpected \`${opened[0]}\` that is never closed, expected ${expected} (what follows it, up to the end of the file or of its list item or quote, was read as raw HTML: its steps and code are not read)`,
      line: node.position.start.line,
      // At the `<`: the block's value keeps the indentation of its first line.
      column: node.position.start.column + node.value.length - value.length,
      ruleId: 'source/unclosed-html-block',
    });
    return;
  }
}

/** `## Title {#Anchor-Id}` sets the heading's anchor, as Milvus's `<h2 id>` does. */
export function takeHeadingIds(tree: Root): void {
  visit(tree, 'heading', (heading: Heading) => {
    takeHeadingId(heading);
  });
}

function takeHeadingId(heading: Heading): void {
  const last = heading.children.at(-1);
  if (!last || last.type !== 'text') return;
  const match = /\s*\{#([^\s{}]+)\}\s*$/.exec(last.value);
  if (!match) return;
  last.value = last.value.slice(0, match.index);
  if (last.value === '') heading.children.pop();
  heading.data = { ...(heading.data ?? {}), id: match[1] } as Heading['data'];
  const hProperties = ((heading.data as { hProperties?: Record<string, unknown> }).hProperties ??= {});
  hProperties.id = match[1];
}

const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'tableCell', 'emphasis', 'strong', 'delete', 'link', 'linkReference']);

const isBreak = (node: Html): boolean => /^<br\s*\/?>$/i.test(node.value);
const isScript = (node: Html): boolean => /<\/?(?:script|style)\b/i.test(node.value);

function breakFor(node: Html): Break {
  const replacement: Break = { type: 'break' };
  if (node.position) replacement.position = node.position;
  return replacement;
}

/**
 * Inline `<br>` is a line break, as a browser shows it. The importer writes it where Markdown has no
 * other way to break a line (table cells, headings), so it must read back as the break it was.
 */
export function readHtmlBreaks(tree: Root): void {
  visit(tree, 'html', (node: Html, index, parent) => {
    if (!parent || index === undefined || !PHRASING_PARENTS.has(parent.type) || !isBreak(node)) return;
    (parent.children as unknown[]).splice(index, 1, breakFor(node));
  });
}

/** Raw `<script>` and `<style>` are never guide content; they do not reach the model. */
export function dropScripts(tree: Root): void {
  visit(tree, 'html', (node: Html, index, parent) => {
    if (!parent || index === undefined || !isScript(node)) return;
    (parent.children as unknown[]).splice(index, 1);
    return [SKIP, index];
  });
}

/**
 * remark-directive reads `:name` inside prose (a time like 10:30, `host:port`) as a directive.
 * Only container asides are ours; everything else goes back to the text it was, as Starlight does.
 */
export function restoreTextDirectives(tree: Root, source: string): void {
  visit(tree, (node, index, parent) => {
    if ((node.type !== 'textDirective' && node.type !== 'leafDirective') || !parent || index === undefined) return;
    parent.children.splice(index, 1, directiveAsText(node, source) as never);
    return [SKIP, index];
  });
  // Adjacent text nodes are merged so prose compares equal to its HTML twin.
  visit(tree, (node) => {
    if ('children' in node) mergeTextSiblings(node.children as Nodes[]);
  });
}

function directiveAsText(node: TextDirective | LeafDirective, source: string): Nodes {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  const value = start !== undefined && end !== undefined ? source.slice(start, end) : `:${node.name}`;
  const text: Text = { type: 'text', value };
  if (node.position) text.position = node.position;
  if (node.type === 'textDirective') return text;
  const paragraph: Paragraph = { type: 'paragraph', children: [text] };
  if (node.position) paragraph.position = node.position;
  return paragraph;
}


/**
 * Fenced code: each content line sits one line below the previous, shifted by the indentation
 * the fence removed (inside list items). An unclosed fence runs to the end of the file, as
 * CommonMark says; the translator is told where it opened.
 */
function mapFencedCode(node: Code, lines: string[], warnings: MarkdownWarning[]): void {
  const position = node.position;
  if (!position) return;
  const openLine = lines[position.start.line - 1] ?? '';
  // The fence may sit in block quotes (`> ```yaml`) or list items; their markers come first.
  const fenceMatch = /^((?:\s*>)*\s*)(`{3,}|~{3,})/.exec(openLine);
  const segments: Segment[] = [];
  const points: Point[] = [];
  const codeLines = node.value.split('\n');
  if (!fenceMatch) {
    // Indented code: 4 spaces (beyond the container's indentation) were removed from each line.
    let offset = 0;
    codeLines.forEach((codeLine, i) => {
      const sourceLine = position.start.line + i;
      const raw = lines[sourceLine - 1] ?? '';
      const column = raw.length - codeLine.length + 1;
      segments.push([offset, sourceLine, Math.max(1, column)]);
      points.push({ line: sourceLine, column: Math.max(1, column) });
      offset += codeLine.length + 1;
    });
  } else {
    const fence = fenceMatch[2]!;
    const closeLine = lines[position.end.line - 1] ?? '';
    const closed = position.end.line > position.start.line && new RegExp(`^(?:\\s*>)*\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(closeLine);
    if (!closed) {
      // A block in a list item or a quote ends with it (a line that is not part of it ends both).
      const atEnd = position.end.line >= lines.length;
      warnings.push({
        reason: atEnd
          ? `Unexpected end of file in code block, expected a closing ${codeInMessage(fence)} fence (the code up to the end of the file was kept)`
          : `Unexpected end of the list item or quote around a code block at line ${position.end.line + 1}, expected a closing ${codeInMessage(fence)} fence before it (the code up to line ${position.end.line} was kept)`,
        line: position.start.line,
        column: position.start.column,
        ruleId: 'source/unclosed-fence',
      });
    }
    let offset = 0;
    codeLines.forEach((codeLine, i) => {
      const sourceLine = position.start.line + 1 + i;
      const raw = lines[sourceLine - 1] ?? '';
      // The fence's indentation (up to its width) is stripped from every content line.
      const column = raw.endsWith(codeLine) ? raw.length - codeLine.length + 1 : 1;
      segments.push([offset, sourceLine, column]);
      points.push({ line: sourceLine, column });
      offset += codeLine.length + 1;
    });
  }
  node.data = { ...(node.data ?? {}), polyguide: { segments, lines: points } satisfies CodeData } as Code['data'];
}
