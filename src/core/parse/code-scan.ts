/**
 * A fast path for Milvus code blocks: `<pre><code …>` + highlight.js spans, entities and a copy
 * button + `</code></pre>`. Their markup is about half of every page and most of the HTML parser's
 * work, yet all the model wants from it is the text and where each character came from.
 *
 * `scanCodeBlocks` reads each block that uses only that markup (strictly: balanced `<span>`s with
 * double-quoted attributes, `<button …></button>`, text, entities that end in `;`), and the HTML
 * parser does not read its content: the fast tree builder skips it, and parse5 gets the text with
 * it blanked out (`blankScannedCode`: every UTF-16 unit becomes a space, line ends stay, so every
 * position is unchanged). Anything else inside a block (a comment, `<br>`, an entity without `;`,
 * a stray `<`) leaves that block to the parser. The front end then checks that the parser built
 * exactly one `<pre><code>` at each scanned place, and re-parses the page without scanning if
 * not; the corpus suite checks that both ways give the same text and segments.
 *
 * It also reads a `<pre>` without `<code>` of the same markup (a notebook's printed output, up to
 * `</pre>`, a line feed after `<pre>` dropped as the parser drops it), with `codeStart` -1: for the
 * direct reader only, the tree path leaves those to the parser (see milvusHtmlToMdast).
 */
import type { Segment } from '../model.ts';
import { plainReferenceAt } from './character-references.ts';
import { ForwardLines } from '../text-lines.ts';

export interface ScannedCode {
  /** Offset of `<pre`. */
  start: number;
  /** Offset just after `</pre>`. */
  end: number;
  /** Offset of `<code`; -1 for a `<pre>` without one (notebook output: the `<pre>`'s own text). */
  codeStart: number;
  /** The blanked content: from after `<code …>` to `</code>` (for a `<pre>` without `<code>`, from after `<pre …>` and the line feed the parser drops, to `</pre>`). */
  contentStart: number;
  contentEnd: number;
  /** The content as the HTML parser would decode it, before trailing line ends are dropped. */
  text: string;
  /** The source line `contentStart` is on, and where that line starts: scannedSegments counts from there. */
  line: number;
  lineStart: number;
}

const OPEN = /<pre(?:\s+[a-z][a-z0-9-]*(?:="[^"<>&]*")?)*\s*><code(?:\s+[a-z][a-z0-9-]*(?:="[^"<>&]*")?)*\s*>/y;
const SPAN_OPEN = /<span(?:\s+[a-z][a-z0-9-]*(?:="[^"<>&]*")?)*\s*>/y;
const BUTTON = /<button(?:\s+[a-z][a-z0-9-]*(?:="[^"<>&]*")?)*\s*><\/button>/y;
const CLOSE = '</code></pre>';
/** A `<pre>` whose content is text and spans, without `<code>` (a notebook's printed output). */
const OPEN_PLAIN = /<pre(?:\s+[a-z][a-z0-9-]*(?:="[^"<>&]*")?)*\s*>/y;
const CLOSE_PLAIN = '</pre>';

/** The code blocks the scanner can read, from `bodyStart` on (after the front matter). */
export function scanCodeBlocks(text: string, bodyStart = 0): ScannedCode[] {
  const blocks: ScannedCode[] = [];
  const lines = new ForwardLines(text);
  let from = bodyStart;
  for (;;) {
    const start = text.indexOf('<pre', from);
    if (start === -1) break;
    from = start + 4;
    OPEN.lastIndex = start;
    const open = OPEN.exec(text);
    let contentStart: number;
    if (open) {
      contentStart = start + open[0].length;
    } else {
      OPEN_PLAIN.lastIndex = start;
      const plain = OPEN_PLAIN.exec(text);
      if (!plain || text.startsWith('<code', start + plain[0].length)) continue;
      contentStart = start + plain[0].length;
      // The parser drops a line feed right after `<pre>` (not after `<code>`).
      if (text.charCodeAt(contentStart) === 10) contentStart++;
    }
    lines.moveTo(contentStart);
    const block = scanContent(text, start, contentStart, lines, null, open ? CLOSE : CLOSE_PLAIN);
    if (!block) continue;
    block.codeStart = open ? text.indexOf('<code', start) : -1;
    blocks.push(block);
    from = block.end;
  }
  return blocks;
}

/** The text with the scanned blocks' content blanked out, for an HTML parser that reads it all. */
export function blankScannedCode(text: string, blocks: readonly ScannedCode[]): string {
  if (blocks.length === 0) return text;
  const parts: string[] = [];
  let last = 0;
  for (const block of blocks) {
    parts.push(text.slice(last, block.contentStart), blank(text, block.contentStart, block.contentEnd));
    last = block.contentEnd;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

/** Spaces for every UTF-16 unit, line ends kept: the HTML parser counts positions in units. */
function blank(text: string, from: number, to: number): string {
  let out = '';
  let last = from;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) {
    out += ' '.repeat(i - last) + '\n';
    last = i + 1;
  }
  return out + ' '.repeat(to - last);
}

/**
 * Where each character of a scanned block came from. Found only when asked for: the check places
 * a finding in a handful of the corpus's 8,000 blocks, and the segments of them all (some 420,000)
 * cost more to keep than to find again.
 */
export function scannedSegments(source: string, block: ScannedCode): Segment[] {
  const segments: Segment[] = [];
  scanContent(source, block.start, block.contentStart, new ForwardLines(source, block), segments, block.codeStart === -1 ? CLOSE_PLAIN : CLOSE);
  return segments;
}

/**
 * Reads a block's content from `contentStart` (where `lines` stands) to `close`; records segments
 * into `segments` when given.
 */
function scanContent(source: string, start: number, contentStart: number, lines: ForwardLines, segments: Segment[] | null, close: string): ScannedCode | null {
  const pieces: string[] = [];
  let length = 0;
  const line = lines.line;
  const lineStart = lines.lineStart;
  const mark = (offset: number): void => {
    if (segments === null) return;
    lines.moveTo(offset);
    segments.push([length, lines.line, offset - lines.lineStart + 1]);
  };
  let spans = 0;
  let i = contentStart;
  let inText = false;
  let runStart = i;
  const flush = (): void => {
    if (i > runStart) {
      pieces.push(source.slice(runStart, i));
      length += i - runStart;
    }
  };
  while (i < source.length) {
    const c = source.charCodeAt(i);
    if (c === 60 /* < */) {
      flush();
      inText = false;
      if (spans === 0 && source.startsWith(close, i)) {
        return { start, end: i + close.length, codeStart: -1, contentStart, contentEnd: i, text: pieces.join(''), line, lineStart };
      }
      const next = tagEnd(source, i, spans);
      if (next === -1) return null;
      if (source.charCodeAt(i + 1) === 47 /* / */) spans--;
      else if (source.startsWith('<span', i)) spans++;
      i = next;
      runStart = i;
      continue;
    }
    if (!inText) {
      // A text node starts: the parser's text nodes run from one tag to the next.
      inText = true;
      mark(i);
    }
    if (c === 38 /* & */) {
      flush();
      const entity = plainReferenceAt(source, i);
      if (!entity) return null;
      pieces.push(entity.value);
      length += entity.value.length;
      i += entity.length;
      runStart = i;
      mark(i);
      continue;
    }
    if (c === 10) {
      i++;
      flush();
      runStart = i;
      mark(i);
      continue;
    }
    // NUL and CR are changed by the parser; they never reach here from decoded sources.
    if (c === 0 || c === 13) return null;
    // Ordinary characters up to the next one that matters (a tag, a reference, a line end, or one
    // the parser rewrites) are taken in one step.
    i++;
    while (i < source.length && !STOPS_TEXT[source.charCodeAt(i)]) i++;
  }
  return null;
}

/** The characters scanContent looks at, by code (all below 128): `<`, `&`, line feed, NUL, CR. */
const STOPS_TEXT = new Uint8Array(65536);
for (const code of [60, 38, 10, 0, 13]) STOPS_TEXT[code] = 1;

/** End of an allowed tag at `index` (`<span …>`, `</span>` closing an open one, `<button …></button>`), or -1. */
function tagEnd(source: string, index: number, openSpans: number): number {
  if (source.startsWith('</span>', index)) return openSpans > 0 ? index + 7 : -1;
  SPAN_OPEN.lastIndex = index;
  if (SPAN_OPEN.test(source)) return SPAN_OPEN.lastIndex;
  BUTTON.lastIndex = index;
  if (BUTTON.test(source)) return BUTTON.lastIndex;
  return -1;
}
