/**
 * A Milvus page read straight into mdast, without the HTML tree in between.
 *
 * The tree path (milvus-html.ts) builds hast, tidies it, minifies its whitespace and converts it
 * with hast-util-to-mdast's handlers: four passes and two trees per page, about half of a cold
 * corpus check. Most Milvus pages are plain generated markup: every element closed by its own end
 * tag, nested as HTML allows without repair, and drawn from a small vocabulary (paragraphs,
 * headings with their anchor buttons, lists, tables, alert boxes, tab bars, highlighted code). For
 * such a page this reader gives the tree path's mdast in one pass over the page's tokens:
 * whitespace as hast-util-minify-whitespace leaves it (with the same look ahead over what follows
 * a text), nodes as the handlers make them, key for key, at the same places.
 *
 * Anything outside that subset (an element it does not know, unless it is a placeholder written
 * as a tag; most end tags the HTML parser would have to imply; a character reference without `;`)
 * declines the whole page, which then takes the tree path. The tree path stays the reference: the corpus suite compares the
 * two on every page the reader takes (test/corpus/round-trip.test.ts), test/core/direct-reader.test.ts
 * on markup built for it, and `scripts/dev/fuzz.ts direct` on mutated pages.
 */
import type { Blockquote, Break, Code, Emphasis, Heading, Image, InlineCode, Link, List, ListItem, Nodes, Paragraph, PhrasingContent, Root, RootContent, Strong, Table, TableCell, TableRow, Text, ThematicBreak } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import type { Element as HastElement, ElementContent as HastContent } from 'hast';
import { collapseWhiteSpace } from 'collapse-white-space';
import { toText } from 'hast-util-to-text';
import { codeDataOnDemand } from './code-data.ts';
import { scannedSegments, type ScannedCode } from './code-scan.ts';
import { referenceOrAmpersandAt } from './character-references.ts';
import { dropSurroundingBreaks, HAST_PHRASING, toSpecificContent, wrap, wrapNeeded } from './hast-to-mdast.ts';
import { spreadCells } from './table-handler.ts';
import { ALERT_CLASSES, asideVariant, languageOfClasses, linkTarget, TAB_BARS, withoutTrailingLineEnds } from './milvus-page.ts';
import { ForwardLines } from '../text-lines.ts';
import { ANCHOR_BUTTON, ATTRIBUTE, END_TAG, indexOrEnd, START_TAG } from './well-formed-html.ts';
import { isElementName, LINK_WITHOUT_TARGET, linkWithoutTarget, unclosedElement, unknownTag } from './html-recoveries.ts';
import type { HtmlWarning } from './milvus-html.ts';

export interface DirectlyRead {
  tree: Root;
  /** Whether the page has table elements (their cells are flattened afterwards, as on the tree path). */
  tableParts: boolean;
  /** The tree path's warnings for the page, in document order (placeholders written as tags, links without a target, elements never closed). */
  warnings: HtmlWarning[];
}

/**
 * The page's mdast, before the passes both paths share (text collapsing, table cell flattening,
 * unsafe URLs), or null when the page is not one this reader takes.
 */
export function readMilvusPageDirectly(text: string, scanned: readonly ScannedCode[], bodyStart = 0): DirectlyRead | null {
  try {
    return read(text, scanned, bodyStart);
  } catch (error) {
    if (error instanceof Declined) return null;
    throw error;
  }
}

/** Why the reader declines a page (null when it takes it): for tests and for widening the subset. */
export function declineReason(text: string, scanned: readonly ScannedCode[], bodyStart = 0): string | null {
  try {
    read(text, scanned, bodyStart);
    return null;
  } catch (error) {
    if (error instanceof Declined) return error.message;
    throw error;
  }
}

const NUL_OR_CR = /[\0\r]/;

/**
 * `text` is the page from its first character, so that places are the file's; what comes before
 * `bodyStart` (the front matter) reads as the blank text the masked page has there.
 */
function read(text: string, scanned: readonly ScannedCode[], bodyStart: number): DirectlyRead {
  // NUL and CR are rewritten by the HTML standard's input stream; decoded sources have neither.
  if (NUL_OR_CR.test(text)) throw new Declined('NUL or CR');
  const tokens = tokenize(text, scanned, bodyStart);
  if (tokens.length === 0) throw new Declined('an empty page');
  const reader = new Reader(text, tokens);
  const tree = reader.root();
  // Elements left open are warned about where the page ends, after what they hold.
  reader.warnings.sort((a, b) => a.line - b.line || a.column - b.column);
  return { tree, tableParts: reader.tableParts, warnings: reader.warnings };
}

/**
 * The page is not in the reader's subset (the reason says what, for `declineReason`). Not an
 * Error: a tenth of the corpus pages decline, and an Error's stack trace would be taken for each.
 */
class Declined {
  readonly message: string;

  constructor(message: string) {
    this.message = message;
  }
}

// ---------------------------------------------------------------------------------------------
// Tokens

const TEXT = 0;
const START = 1;
const END = 2;
const CODE = 3;
const UNPLACED_BREAK = 4;
/**
 * A comment, an anchor button, a `<style>` or a `<math>`: the tree path drops them before anything
 * (or, MathML, anything but the whitespace pass) reads the tree, but they end the text before them
 * and, last in a paragraph closed by a block, its place.
 */
const DROPPED = 5;
/**
 * A placeholder written as a tag (`http://localhost:<port>/api`, `<your_username>`): to the parser
 * an element with a name HTML does not have. It has no end tag, so it holds everything after it
 * up to the end of its parent, and every end tag around it closes it; to minify-whitespace and to
 * hast-util-to-mdast such an element is transparent. With only phrasing after it, it reads as
 * that content, plus the warning the tree path gives (html-recoveries.ts).
 */
const UNKNOWN = 6;

/** One kind of object for every token, so that the reader's loops see one shape. */
class Token {
  readonly kind: number;
  readonly start: number;
  readonly end: number;
  /** Tag name (start and end tags), lower case. */
  readonly tag: string;
  /** Decoded character data (text); the attribute source (start tags); the name as written (UNKNOWN). */
  readonly value: string;
  /** Text of white space only (what hast-util-minify-whitespace calls whitespace). */
  readonly blank: boolean;
  readonly block: ScannedCode | null;

  constructor(kind: number, start: number, end: number, tag: string, value: string, blank: boolean, block: ScannedCode | null) {
    this.kind = kind;
    this.start = start;
    this.end = end;
    this.tag = tag;
    this.value = value;
    this.blank = blank;
    this.block = block;
  }
}

const BLANK = /^[ \t\n\f\r]*$/;

const PHRASING_ELEMENTS = new Set(['a', 'strong', 'b', 'em', 'i', 'span', 'sub', 'sup', 'small', 'font', 'code', 'br', 'img']);
const FLOW_ELEMENTS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'div', 'blockquote', 'hr', 'table', 'details']);
const KNOWN = new Set([...PHRASING_ELEMENTS, ...FLOW_ELEMENTS, 'li', 'thead', 'tbody', 'tr', 'th', 'td', 'summary']);
const VOID = new Set(['br', 'img', 'hr']);

/**
 * The page as tokens (declined when it holds markup outside the reader's subset). Text runs from
 * one tag to the next, character references decoded; comments, anchor buttons and styles are
 * DROPPED tokens, which end the text before them (in the tree they are nodes between two texts,
 * which stay two texts).
 */
function tokenize(text: string, scanned: readonly ScannedCode[], bodyStart: number): Token[] {
  const tokens: Token[] = [];
  // The front matter is blank text to the body's parser: it starts the page's first text.
  let textStart = bodyStart > 0 ? 0 : -1;
  let textValue = '';
  /** Where the text ends when an ignored end tag came after its last character (the parser's text node ends there). */
  let textEndBeforeIgnored = -1;
  const flush = (end: number): void => {
    if (textStart === -1) return;
    tokens.push(new Token(TEXT, textStart, textEndBeforeIgnored === -1 ? end : textEndBeforeIgnored, '', textValue, BLANK.test(textValue), null));
    textStart = -1;
    textValue = '';
    textEndBeforeIgnored = -1;
  };
  let nextScanned = 0;
  /**
   * `<div>`s and `<a>`s opened and not yet closed by their end tag. A `</div>` or `</a>` with none
   * open (`<p></a></p>` in build_RAG_with_milvus_and_cognee.md) is ignored by the parser, as if it
   * were not written: the text around it stays one text. One closed otherwise (by a cell's end
   * tag) stays counted, so a later stray end tag goes to the reader, which declines it: a count
   * too high only leaves a page to the tree path.
   */
  let openDivs = 0;
  let openLinks = 0;
  /**
   * Whether a start tag that begins the body's content was read. The page is parsed as a fragment
   * (in a template), where end tags before any such start tag are ignored (a page cut short that
   * starts with text and `</p>`); a `<style>` does not end that.
   */
  let contentStarted = false;
  const startTag = (token: Token): void => {
    tokens.push(token);
    contentStarted = true;
    if (token.tag === 'div') openDivs++;
    else if (token.tag === 'a') openLinks++;
  };
  let nextTag = -1;
  let nextReference = -1;
  let i = bodyStart;
  while (i < text.length) {
    const block = scanned[nextScanned];
    if (block !== undefined && block.start <= i) {
      // A block whose start was passed over (in a comment, a `<style>`, a tag) is no block to the
      // parser either: the tree path reads such a page without the scanner, to the same tree.
      if (block.start < i) {
        nextScanned++;
        continue;
      }
      flush(i);
      tokens.push(new Token(CODE, block.start, block.end, 'pre', '', false, block));
      contentStarted = true;
      i = block.end;
      nextScanned++;
      continue;
    }
    // The next `<` and `&`, each searched again only once passed (a page without `&` is not searched to its end at every tag).
    if (nextTag < i) nextTag = indexOrEnd(text, '<', i);
    if (nextReference < i) nextReference = indexOrEnd(text, '&', i);
    const next = nextTag < nextReference ? nextTag : nextReference;
    if (next > i) {
      if (textStart === -1) textStart = i;
      textValue += text.slice(i, next);
      textEndBeforeIgnored = -1;
      // A code block may start at the `<` reached.
      i = next;
      continue;
    }
    if (text.charCodeAt(i) === 38 /* & */) {
      const reference = referenceOrAmpersandAt(text, i);
      if (reference === null) throw new Declined(`the character reference at ${i}`);
      if (textStart === -1) textStart = i;
      textValue += reference.value;
      textEndBeforeIgnored = -1;
      i += reference.length;
      continue;
    }
    const after = text.charCodeAt(i + 1);
    if ((after >= 65 && after <= 90) || (after >= 97 && after <= 122)) {
      const known = knownTagAt(text, i + 1);
      if (known !== null && text.charCodeAt(i + 1 + known.length) === 62 /* > */) {
        // `<p>`, `<li>`, `<strong>`: most start tags have no attributes, and need no pattern.
        flush(i);
        startTag(new Token(START, i, i + 2 + known.length, known, '', false, null));
        i += 2 + known.length;
        continue;
      }
      START_TAG.lastIndex = i;
      const match = START_TAG.exec(text);
      if (!match) throw new Declined(`the start tag at ${i}`);
      if (known === null && match[1]!.toLowerCase() === 'style') {
        // Raw text up to a plain `</style>` (anything else there is the parser's).
        if (match[3] === '/') throw new Declined('<style/>');
        const close = text.toLowerCase().indexOf('</style', START_TAG.lastIndex);
        if (close === -1 || text.charCodeAt(close + 7) !== 62 /* > */) throw new Declined('a <style> without a plain end tag');
        flush(i);
        tokens.push(new Token(DROPPED, i, close + 8, 'style', '', false, null));
        i = close + 8;
        continue;
      }
      if (known === null && match[1]!.toLowerCase() === 'math') {
        const close = mathEnd(text, START_TAG.lastIndex, match[3] === '/');
        flush(i);
        tokens.push(new Token(DROPPED, i, close, 'math', '', false, null));
        contentStarted = true;
        i = close;
        continue;
      }
      if (known === null && !isElementName(match[1]!.toLowerCase())) {
        if (match[2] !== '') throw new Declined(`<${match[1]}> with attributes`);
        // hast-util-from-parse5 makes its element with hastscript, which reads `<tr.>` as a `<tr>`
        // with a class: a name with a dot is not the placeholder it looks like.
        if (match[1]!.includes('.')) throw new Declined(`<${match[1]}>`);
        flush(i);
        tokens.push(new Token(UNKNOWN, i, START_TAG.lastIndex, '#unknown', match[1]!, false, null));
        contentStarted = true;
        i = START_TAG.lastIndex;
        continue;
      }
      const tag = known ?? canonicalTag(match[1]!);
      if (tag === 'button') {
        ANCHOR_BUTTON.lastIndex = i;
        if (!ANCHOR_BUTTON.test(text)) throw new Declined(`the button at ${i}`);
        flush(i);
        tokens.push(new Token(DROPPED, i, ANCHOR_BUTTON.lastIndex, 'button', '', false, null));
        contentStarted = true;
        i = ANCHOR_BUTTON.lastIndex;
        continue;
      }
      // `/>` on an element that is not void is ignored by HTML: the element stays open.
      if (match[3] === '/' && !VOID.has(tag)) throw new Declined(`<${tag}/>`);
      flush(i);
      startTag(new Token(START, i, START_TAG.lastIndex, tag, match[2]!, false, null));
      i = START_TAG.lastIndex;
    } else if (after === 47 /* / */) {
      let tag = knownTagAt(text, i + 2);
      let end = tag === null ? -1 : i + 3 + tag.length;
      if (tag === null || text.charCodeAt(end - 1) !== 62 /* > */) {
        END_TAG.lastIndex = i;
        const match = END_TAG.exec(text);
        if (!match) throw new Declined(`the end tag at ${i}`);
        tag = tag ?? canonicalTag(match[1]!);
        end = END_TAG.lastIndex;
      }
      if (VOID.has(tag) && tag !== 'br') throw new Declined(`</${tag}>`);
      // Ignored by the parser, as if not written: any end tag before the content starts, and a
      // `</div>` or `</a>` with none open. A text around it stays one text, placed up to its last character.
      if (!contentStarted || (tag === 'div' && openDivs === 0) || (tag === 'a' && openLinks === 0)) {
        if (textStart !== -1 && textEndBeforeIgnored === -1) textEndBeforeIgnored = i;
        i = end;
        continue;
      }
      if (tag === 'div') openDivs--;
      else if (tag === 'a') openLinks--;
      flush(i);
      // `</br>` is a line break to the HTML parser, which gives it no place.
      tokens.push(new Token(tag === 'br' ? UNPLACED_BREAK : END, i, end, tag, '', false, null));
      i = end;
    } else if (after === 33 /* ! */) {
      if (!text.startsWith('<!--', i)) throw new Declined(`the markup declaration at ${i}`);
      const close = text.indexOf('-->', i + 4);
      if (close === -1) throw new Declined('a comment that never closes');
      const value = text.slice(i + 4, close);
      // Abrupt (`<!-->`), `--!>`-ended and nested-looking comments end elsewhere in the standard.
      if (value.startsWith('>') || value.startsWith('->') || value.includes('--!>') || value.includes('<!-')) throw new Declined(`the comment at ${i}`);
      flush(i);
      tokens.push(new Token(DROPPED, i, close + 3, '#comment', '', false, null));
      i = close + 3;
    } else {
      // A `<` that starts no tag is text (`a <= b`); `<?` and a `<` at the end are the parser's.
      if (Number.isNaN(after) || after === 63 /* ? */) throw new Declined(`the \`<\` at ${i}`);
      if (textStart === -1) textStart = i;
      textValue += '<';
      textEndBeforeIgnored = -1;
      i++;
    }
  }
  flush(text.length);
  return tokens;
}

/**
 * Where a `<math>` element whose start tag ends at `from` ends: after its plain `</math>`. Its
 * content is MathML (KaTeX's, in comparison.md), which hast-util-to-mdast ignores, and which the
 * reader passes over whole; content the parser would read otherwise is left to the tree path: an
 * HTML tag that breaks out of MathML (`<p>`, `<span>`…), a comment or CDATA, a `<math>` inside.
 */
function mathEnd(text: string, from: number, selfClosing: boolean): number {
  if (selfClosing) throw new Declined('<math/>');
  const close = text.toLowerCase().indexOf('</math', from);
  if (close === -1 || text.charCodeAt(close + 6) !== 62 /* > */) throw new Declined('a <math> without a plain end tag');
  if (MATH_BREAKOUT.test(text.slice(from, close))) throw new Declined('<math> holding markup the parser reads otherwise');
  return close + 7;
}

/** In MathML, what the parser reads other than as MathML elements and text (HTML's foreign content rules). */
const MATH_BREAKOUT = /<(?:\/?(?:b|big|blockquote|body|br|center|code|dd|div|dl|dt|em|embed|h[1-6]|head|hr|i|img|li|listing|menu|meta|nobr|ol|p|pre|ruby|s|small|span|strong|strike|sub|sup|table|tt|u|ul|var|font|math)(?=[\t\n\f\r />])|!)/i;

/** The known tags by first letter, longest first (`strong` before `span`, `tbody` before `tr`). */
const KNOWN_BY_LETTER = new Map<number, string[]>();
for (const tag of [...KNOWN, 'button'].sort((a, b) => b.length - a.length)) {
  const letter = tag.charCodeAt(0);
  KNOWN_BY_LETTER.set(letter, [...(KNOWN_BY_LETTER.get(letter) ?? []), tag]);
}

/**
 * The known tag name written in lower case at `at`, as the constant string of this module (set
 * look-ups on it are cheap, and no string is cut out of the page), or null.
 */
function knownTagAt(text: string, at: number): string | null {
  const candidates = KNOWN_BY_LETTER.get(text.charCodeAt(at));
  if (candidates === undefined) return null;
  for (const tag of candidates) {
    if (!text.startsWith(tag, at)) continue;
    const next = text.charCodeAt(at + tag.length);
    // The name must end there (`<br>`, `<br/>`, `<a href`), not go on (`<bro>`).
    if (next === 62 || next === 47 || next === 32 || next === 10 || next === 9 || next === 12) return tag;
  }
  return null;
}

/** A tag written otherwise (`<P>`): its known constant, or the page is declined. */
function canonicalTag(written: string): string {
  const lower = written.toLowerCase();
  const tag = knownTagAt(lower + '>', 0);
  if (tag === null || tag.length !== lower.length) throw new Declined(`<${lower}>`);
  return tag;
}

/**
 * A start tag's attributes as hast properties would hold the ones the handlers read (first of two
 * wins). `allowed`: attributes that change the result but that the caller reads as the tree path does.
 */
function attributesOf(source: string, allowed: ReadonlySet<string> = NONE_ALLOWED): ReadonlyMap<string, string> {
  if (source === '') return NO_ATTRIBUTES;
  const attributes = new Map<string, string>();
  ATTRIBUTE.lastIndex = 0;
  for (let match = ATTRIBUTE.exec(source); match !== null; match = ATTRIBUTE.exec(source)) {
    const name = match[1]!.toLowerCase();
    if (attributes.has(name)) continue;
    const raw = match[2] ?? match[3] ?? match[4] ?? '';
    attributes.set(name, raw.includes('&') ? decodeAttribute(raw) : raw);
  }
  // Attributes that change what the handlers or the whitespace pass do are the tree path's.
  if (attributes.has('hidden') || attributes.has('data-mdast') || attributes.has('nowrap') || (attributes.has('rowspan') && !allowed.has('rowspan')) || (attributes.has('colspan') && !allowed.has('colspan')) || attributes.has('align')) throw new Declined(`the attributes ${source.trim()}`);
  return attributes;
}

/** Elements whose handlers read attribute values (a cell only its spans, see cellAttributes). */
const NEEDS_ATTRIBUTES = new Set(['a', 'img', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'div', 'ol']);
const SPAN_ATTRIBUTE = /[\t\n\f ](?:rowspan|colspan)(?=[\t\n\f =/>]|$)/i;
/** Attributes attributesOf takes for a cell: its spans, read by spreadCells. */
const SPANS_READ: ReadonlySet<string> = new Set(['rowspan', 'colspan']);

/** A cell's attributes: its spans, if it may have any; any other that changes the result declines. */
function cellAttributes(source: string): ReadonlyMap<string, string> {
  if (source === '' || !SPAN_ATTRIBUTE.test(source)) return checkedAttributes(source);
  const attributes = attributesOf(source, SPANS_READ);
  if (!attributes.has('rowspan') && !attributes.has('colspan')) return checkedAttributes(source);
  return attributes;
}

/** hastscript's value of a number property (`rowspan="2"` is 2; text that is no number stays text). */
function spanProperty(value: string | undefined): number | string | undefined {
  return value !== undefined && value !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
}

/** Attributes that change what the handlers or the whitespace pass do (see attributesOf); a value that mentions one only declines. */
const DECLINED_ATTRIBUTE = /[\t\n\f ](?:hidden|data-mdast|nowrap|rowspan|colspan|align)(?=[\t\n\f =/>]|$)/i;

/** Attributes no handler reads: only checked for the ones that would change the result. */
function checkedAttributes(source: string): ReadonlyMap<string, string> {
  if (source !== '' && DECLINED_ATTRIBUTE.test(source)) throw new Declined(`the attributes ${source.trim()}`);
  return NO_ATTRIBUTES;
}

/** Never written to: shared by every tag without attributes. */
const NO_ATTRIBUTES: ReadonlyMap<string, string> = new Map();
const NONE_ALLOWED: ReadonlySet<string> = new Set();

function decodeAttribute(raw: string): string {
  let value = '';
  let i = 0;
  for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', i)) {
    const reference = referenceOrAmpersandAt(raw, amp);
    if (reference === null) throw new Declined(`the character reference in ${raw}`);
    value += raw.slice(i, amp) + reference.value;
    i = amp + reference.length;
  }
  return value + raw.slice(i);
}

const CLASS_ATTRIBUTE = /[\t\n\f ]class="([^"]*)"/;
/** A start tag the code scanner read, with only HTML white space outside its attribute values. */
const HTML_SPACED = /^<[a-z]+(?:[\t\n\f ]+[a-z][a-z0-9-]*(?:="[^"<>&]*")?)*[\t\n\f ]*>$/;

/** The classes of a start tag the code scanner read (attributes without entities, double-quoted). */
function classesIn(tagSource: string): string[] {
  const match = CLASS_ATTRIBUTE.exec(tagSource);
  return match === null ? [] : splitClasses(match[1]!);
}

function splitClasses(value: string): string[] {
  const trimmed = value.trim();
  return trimmed === '' ? [] : trimmed.split(/[ \t\n\r\f]+/g);
}

/** hastscript's `className`: the class attribute split on white space. */
function classesOf(attributes: ReadonlyMap<string, string>): string[] {
  const value = attributes.get('class');
  return value === undefined ? [] : splitClasses(value);
}

/** hast-util-to-mdast's `collapse` (titles and alternative texts). */
function collapse(value: string | undefined): string {
  return collapseWhiteSpace(String(value || ''), { style: 'html', trim: true });
}

// ---------------------------------------------------------------------------------------------
// The reader

/** hast-util-minify-whitespace's block-like elements (the ones this reader knows). */
const BLOCKS = new Set(['blockquote', 'br', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'ol', 'p', 'pre', 'summary', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul']);
/** What may stand in each kind of parent (text too, but in lists and tables, PARTS_ONLY). */
const FLOW_CHILDREN = new Set([...PHRASING_ELEMENTS, ...FLOW_ELEMENTS]);
const CHILDREN: Record<string, ReadonlySet<string>> = {
  ul: new Set(['li']),
  ol: new Set(['li']),
  table: new Set(['thead', 'tbody']),
  thead: new Set(['tr']),
  tbody: new Set(['tr']),
  tr: new Set(['th', 'td']),
  // `<details>` holds flow and its `<summary>`.
  details: new Set([...FLOW_CHILDREN, 'summary']),
};
/** Blocks whose start tag ends an open paragraph (of the ones this reader knows; a code block too). */
const CLOSES_P = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'div', 'blockquote', 'hr', 'table', 'details', 'summary']);
/** Lists and tables: nothing but their parts and white space. */
const PARTS_ONLY: ReadonlySet<ReadonlySet<string>> = new Set([CHILDREN.ul!, CHILDREN.ol!, CHILDREN.table!, CHILDREN.thead!, CHILDREN.tbody!, CHILDREN.tr!]);

type Point = { line: number; column: number; offset: number };
type Result = Nodes | Nodes[] | undefined;

class Reader {
  tableParts = false;
  readonly warnings: HtmlWarning[] = [];
  private readonly text: string;
  private readonly tokens: Token[];
  private index = 0;
  private readonly lines: ForwardLines;
  /** hast-util-minify-whitespace's `before`: a space at the start of the next text is dropped. */
  private before = true;
  private inLink = false;
  /** Set when the paragraph just read was ended by the start of a block or the end of its parent, not by `</p>`. */
  private closedByBlock = false;
  /** Set when the page ended inside the element just read: it and all around it end there. */
  private closedAtEnd = false;
  /** The elements being read, outermost first. */
  private readonly open: string[] = [];
  /** The table being read: whether it has a head, and how many rows have started. */
  private table: { headed: boolean; rows: number } | null = null;
  /** The tags of the direct child elements of the `<div>` just read (a tab bar's are looked at). */
  private lastDirectTags: string[] = [];
  /** The hast-level facts of the element just read that its parent needs (li's `spread`). */
  private lastSpread = false;

  constructor(text: string, tokens: Token[]) {
    this.text = text;
    this.tokens = tokens;
    this.lines = new ForwardLines(text);
  }

  root(): Root {
    const start = this.point(0);
    let children = this.children(null, FLOW_CHILDREN);
    if (wrapNeeded(children)) children = wrap(children);
    return { type: 'root', children: children as RootContent[], position: { start, end: this.point(this.text.length) } };
  }

  /** The innermost open cell (`td` or `th`) within the innermost table, if any. */
  private nearestCell(): string | null {
    for (let index = this.open.length - 1; index >= 0; index--) {
      const tag = this.open[index]!;
      if (tag === 'td' || tag === 'th') return tag;
      if (tag === 'table') return null;
    }
    return null;
  }

  /** Offsets are asked for in document order (ForwardLines counts each line end once). */
  private point(offset: number): Point {
    this.lines.moveTo(offset);
    return { line: this.lines.line, column: offset - this.lines.lineStart + 1, offset };
  }

  /**
   * The children up to `parent`'s end tag (the end of the page for the root), converted. Also
   * works out hast-util-to-mdast's `spreadout` for the parent, left in `lastSpread`.
   */
  private children(parent: string | null, allowed: ReadonlySet<string>): Nodes[] {
    const out: Nodes[] = [];
    const textAllowed = !PARTS_ONLY.has(allowed);
    let seenFlow = false;
    let spread = false;
    /** A placeholder written as a tag is open (UNKNOWN): what follows up to the parent's end is its content. */
    let placeholderOpen = false;
    const directTags: string[] = parent === 'div' ? [] : NO_TAGS;
    while (this.index < this.tokens.length) {
      const token = this.tokens[this.index]!;
      if (token.kind === END) {
        if (token.tag === 'p' && parent !== 'p' && (allowed === FLOW_CHILDREN || allowed === CHILDREN.details)) {
          // `</p>` with no paragraph open makes an empty one (without a place): nothing to a reader,
          // but a block between texts, and a paragraph to spreadout.
          if (placeholderOpen) throw new Declined('an empty paragraph in a placeholder');
          this.index++;
          this.before = true;
          if (directTags !== NO_TAGS) directTags.push('p');
          spread = true;
          seenFlow = true;
          continue;
        }
        let implied = false;
        if (token.tag !== parent) {
          // `<div><p>text</div>`: the end tag of the block around a paragraph ends the paragraph too;
          // a cell's end tag ends all that is open in the cell (`<td><ul><li>x</td>` in metric.md).
          implied = (parent === 'p' && this.open.length >= 2 && this.open[this.open.length - 2] === token.tag) || ((token.tag === 'td' || token.tag === 'th') && this.nearestCell() === token.tag);
          if (!implied) throw new Declined(`</${token.tag}> closing <${parent ?? 'the page'}>`);
        }
        this.lastSpread = spread;
        this.lastDirectTags = directTags;
        this.closedByBlock = implied;
        return out;
      }
      if (parent === 'p' && (token.kind === CODE || (token.kind === START && CLOSES_P.has(token.tag)))) {
        // `<p>text<div>`: the standard ends the paragraph where the block starts.
        this.lastSpread = spread;
        this.lastDirectTags = directTags;
        this.closedByBlock = true;
        return out;
      }
      this.index++;
      // What follows a placeholder is its content: flow there would be flow inside an element the
      // handlers see (spreadout, list items), not in the parent.
      if (placeholderOpen && (token.kind === CODE || (token.kind === START && !HAST_PHRASING.has(token.tag)))) throw new Declined(`<${token.tag}> after a placeholder`);
      if (token.kind === TEXT) {
        if (!textAllowed && !token.blank) throw new Declined(`text in <${parent}>`);
        const node = this.textNode(token);
        if (node) out.push(node);
        continue;
      }
      if (token.kind === UNKNOWN) {
        // In a list or a table the parser would move it (or make it a part): left to the tree path.
        if (!textAllowed) throw new Declined(`<${token.value}> in <${parent}>`);
        const at = this.point(token.start);
        this.warnings.push(unknownTag(token.value, at.line, at.column));
        if (!placeholderOpen) {
          // The placeholder is no phrasing to spreadout, and holds only phrasing (and placeholders).
          if (directTags !== NO_TAGS) directTags.push('#unknown');
          if (!spread) {
            if (seenFlow) spread = true;
            seenFlow = true;
          }
          placeholderOpen = true;
        }
        continue;
      }
      if (token.kind === DROPPED) {
        // Comments stand anywhere; a button or a style in a table would be moved out of it.
        if (!textAllowed && token.tag !== '#comment') throw new Declined(`<${token.tag}> in <${parent}>`);
        if (token.tag === 'math') {
          // Inline code and tab labels are the text of their element, MathML's text included.
          if (this.open.includes('code') || this.inLink) throw new Declined('<math> in inline code or a link');
          // MathML is embedded content to the whitespace pass: the white space after it shows.
          this.before = false;
        }
        continue;
      }
      if (token.kind === UNPLACED_BREAK) {
        // Before any start tag the fragment parser ignores end tags; no page here starts that way.
        if (!allowed.has('br') || !this.tokens.slice(0, this.index).some((before) => before.kind === START)) throw new Declined('`</br>` here');
        out.push({ type: 'break' } satisfies Break);
        this.before = true;
        continue;
      }
      if (token.kind === CODE) {
        if (allowed !== FLOW_CHILDREN && allowed !== CHILDREN.details) throw new Declined(`a code block in <${parent}>`);
        if (directTags !== NO_TAGS) directTags.push('pre');
        out.push(this.codeNode(token.block!));
        this.before = true;
        // A code block is flow: spreadout's `seenFlow` (its own children are taken out, so it holds no paragraph).
        if (seenFlow) spread = true;
        seenFlow = true;
        continue;
      }
      if (token.tag === 'li' && (allowed === FLOW_CHILDREN || allowed === CHILDREN.details)) {
        // `<li>`s outside a list are shown as a bulleted list (milvus-html.ts, wrapStrayListItems).
        if (directTags !== NO_TAGS) directTags.push('ul');
        out.push(this.strayItems(token));
        if (seenFlow || this.lastSpread) spread = true;
        seenFlow = true;
        continue;
      }
      if (!allowed.has(token.tag)) throw new Declined(`<${token.tag}> in <${parent ?? 'the page'}>`);
      if (directTags !== NO_TAGS) directTags.push(token.tag);
      const result = this.element(token);
      if (Array.isArray(result)) {
        for (const node of result) out.push(node);
      } else if (result) {
        out.push(result);
      }
      if (!HAST_PHRASING.has(token.tag) && !spread) {
        if (token.tag === 'p' || seenFlow || this.lastSpread) spread = true;
        seenFlow = true;
      }
    }
    // The end of the page closes every element still open (a `<div class="alert">` never closed
    // holds the rest of the page); element() ends it there and warns as the tree path does.
    if (parent !== null) this.closedAtEnd = true;
    this.lastSpread = spread;
    this.lastDirectTags = directTags;
    return out;
  }

  /**
   * `<li>`s outside a list, from `first` on: the tree path puts them, and the white space between
   * them, in a `<ul>` from the first item's start to the last one's end. Leaves `lastSpread` as
   * hast-util-to-mdast's `spreadout` of that list.
   */
  private strayItems(first: Token): List {
    // A `<li>` start tag closes an item open around it, or above `<div>`s around it (the standard's
    // list item rule): the tree path's.
    for (let index = this.open.length - 1; index >= 0; index--) {
      const tag = this.open[index];
      if (tag === 'li') throw new Declined('a <li> in a list item');
      if (tag !== 'div') break;
    }
    const items: ListItem[] = [];
    let firstSpread = false;
    let token: Token = first;
    for (;;) {
      items.push(this.element(token) as ListItem);
      if (items.length === 1) firstSpread = this.lastSpread;
      // Only white space may stand between two items of the list.
      let next = this.index;
      while (next < this.tokens.length && this.tokens[next]!.kind === TEXT && this.tokens[next]!.blank) next++;
      const after = this.tokens[next];
      if (after === undefined || after.kind !== START || after.tag !== 'li') break;
      this.index = next + 1;
      token = after;
    }
    this.lastSpread = items.length > 1 || firstSpread;
    const start = items[0]!.position!.start;
    const end = items.at(-1)!.position!.end;
    return { type: 'list', ordered: false, start: null, spread: items.length > 1 && items.some((item) => item.spread), children: items, position: { start: { ...start }, end: { ...end } } };
  }

  /** hast-util-minify-whitespace on one text, with its look ahead at what follows. */
  private textNode(token: Token): Text | null {
    const raw = token.value;
    const value = /[\t\n\v\f\r]| {2}/.test(raw) ? raw.replace(/[\t\n\v\f\r ]+/g, ' ') : raw;
    let start = 0;
    let end = value.length;
    // The front matter, when the body starts with a tag: blank text that holds no character here.
    if (end === 0) return null;
    let strip = false;
    if (this.before && value.charCodeAt(0) === 32) start++;
    if (start !== end && value.charCodeAt(end - 1) === 32) {
      if (this.blockFollows()) end--;
      else strip = true;
    }
    // A text that vanishes leaves `before` as it was.
    if (start === end) return null;
    this.before = strip;
    return { type: 'text', value: start === 0 && end === value.length ? value : value.slice(start, end), position: { start: this.point(token.start), end: this.point(token.end) } };
  }

  /**
   * hast-util-minify-whitespace's `collapsableAfter` from the current token on: does a block
   * boundary come before any content? White space, and the tags of inline elements, are passed over.
   */
  private blockFollows(): boolean {
    for (let index = this.index; index < this.tokens.length; index++) {
      const token = this.tokens[index]!;
      if (token.kind === TEXT) {
        if (!token.blank) return false;
      } else if (token.kind === CODE) {
        return true;
      } else if ((token.kind === START && token.tag === 'img') || (token.kind === DROPPED && token.tag === 'math')) {
        return false;
      } else if (BLOCKS.has(token.tag)) {
        return true;
      }
    }
    return true;
  }

  private codeNode(block: ScannedCode): Code {
    // A `<pre>` without `<code>`: its start tag holds no `>` in a value (the scanner's pattern).
    const plain = block.codeStart === -1;
    const preTag = this.text.slice(block.start, plain ? this.text.indexOf('>', block.start) + 1 : block.codeStart);
    const codeTag = plain ? '' : this.text.slice(block.codeStart, block.contentStart);
    // The scanner allows any white space between attributes; HTML only its own (a no-break space makes another tag).
    if (!HTML_SPACED.test(preTag) || (!plain && !HTML_SPACED.test(codeTag))) throw new Declined('a code block tag spaced with other white space');
    // The scanner took only plain double-quoted attributes: the first `class` is the one hast keeps.
    const lang = languageOfClasses(classesIn(codeTag)) ?? languageOfClasses(classesIn(preTag));
    const value = withoutTrailingLineEnds(block.text);
    const result: Code = { type: 'code', lang, meta: null, value, position: { start: this.point(block.start), end: this.point(block.end) } };
    const source = this.text;
    result.data = { polyguide: codeDataOnDemand(value, result.position!.start, () => scannedSegments(source, block)) } as Code['data'];
    return result;
  }

  private element(token: Token): Result {
    const tag = token.tag;
    const attributes = NEEDS_ATTRIBUTES.has(tag) ? attributesOf(token.value) : tag === 'td' || tag === 'th' ? cellAttributes(token.value) : checkedAttributes(token.value);
    const start = this.point(token.start);
    if (VOID.has(tag)) {
      const position = { start, end: this.point(token.end) };
      this.lastSpread = false;
      if (tag === 'img') {
        this.before = false;
        const src = attributes.get('src');
        return { type: 'image', url: src || '', title: collapse(attributes.get('title')) || null, alt: collapse(attributes.get('alt')), position } satisfies Image;
      }
      this.before = true;
      if (tag === 'br') return { type: 'break', position } satisfies Break;
      return { type: 'thematicBreak', position } satisfies ThematicBreak;
    }
    const block = BLOCKS.has(tag);
    if (block) this.before = true;
    const wasInLink = this.inLink;
    if (tag === 'a') {
      if (this.inLink) throw new Declined('a link in a link');
      this.inLink = true;
      if (!attributes.has('href')) {
        // Plain text to a reader (see handle); the tree path warns unless it is a link target.
        const problem = linkWithoutTarget(this.text, token.start);
        if (problem) {
          const at = this.point(problem.offset);
          this.warnings.push({ reason: problem.reason, line: at.line, column: at.column, ruleId: LINK_WITHOUT_TARGET });
        }
      }
    }
    const table = this.table;
    if (tag === 'table') {
      // Nested tables become their text on the tree path.
      if (table !== null) throw new Declined('a table in a table');
      this.table = { headed: false, rows: 0 };
      this.tableParts = true;
    } else if (table !== null) {
      // hast-util-to-mdast's `inspect`, in its order: a `thead`, or a `th` in the first row, is a head.
      if (tag === 'tr') table.rows++;
      else if (tag === 'thead' || (tag === 'th' && table.rows < 2)) table.headed = true;
    }
    this.open.push(tag);
    const contentFrom = this.index;
    const children = this.children(tag, ALLOWED.get(tag)!);
    this.open.pop();
    const spread = this.lastSpread;
    const directTags = this.lastDirectTags;
    this.inLink = wasInLink;
    const headed = this.table?.headed ?? false;
    if (tag === 'table') this.table = null;
    let end: Point;
    // Closed without its end tag, it ends where its last child ends (an end tag the parser ignored
    // after it is no child), or else where what closed it starts (hast-util-from-parse5); so does
    // an empty placeholder that is its last child.
    const last = this.index > contentFrom ? this.tokens[this.index - 1]! : null;
    const lastChild = last !== null && last.kind !== UNKNOWN ? last : null;
    if (this.closedAtEnd) {
      end = this.point(lastChild?.end ?? this.text.length);
      const unclosed = unclosedElement(tag, this.text, start.line, start.column, end.offset);
      if (unclosed) this.warnings.push(unclosed);
    } else if (this.closedByBlock) {
      this.closedByBlock = false;
      end = this.point(lastChild?.end ?? this.tokens[this.index]!.start);
      // A paragraph or a list item needs no end tag; a list or an emphasis does.
      const unclosed = unclosedElement(tag, this.text, start.line, start.column, end.offset);
      if (unclosed) this.warnings.push(unclosed);
    } else {
      end = this.point(this.tokens[this.index++]!.end);
    }
    const position = { start, end };
    if (block) this.before = true;
    const result = tag === 'table' ? tableOf(children, position, headed) : tag === 'div' ? this.div(attributes, children, directTags, position) : this.handle(tag, attributes, children, position, spread);
    this.lastSpread = spread;
    return result;
  }

  /** The node hast-util-to-mdast's handler (or ours, in milvus-html.ts) makes of the element. */
  private handle(tag: string, attributes: ReadonlyMap<string, string>, children: Nodes[], position: { start: Point; end: Point }, spread: boolean): Result {
    switch (tag) {
      case 'details':
        return children;
      case 'p':
      case 'summary': {
        const content = dropSurroundingBreaks(children) as PhrasingContent[];
        return content.length > 0 ? ({ type: 'paragraph', children: content, position } satisfies Paragraph) : undefined;
      }
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6': {
        const heading: Heading = { type: 'heading', depth: Number(tag.charAt(1)) as Heading['depth'], children: dropSurroundingBreaks(children) as PhrasingContent[], position };
        const id = attributes.get('id');
        if (id !== undefined && id !== '') heading.data = { id } as Heading['data'];
        return heading;
      }
      case 'a': {
        const href = attributes.get('href');
        // Without a target, plain text to a reader (warned about in element).
        if (href === undefined) return children;
        return { type: 'link', url: linkTarget(href), title: collapse(attributes.get('title')) || null, children: children as PhrasingContent[], position } satisfies Link;
      }
      case 'strong':
      case 'b':
        return { type: 'strong', children: children as PhrasingContent[], position } satisfies Strong;
      case 'em':
      case 'i':
        return { type: 'emphasis', children: children as PhrasingContent[], position } satisfies Emphasis;
      case 'span':
      case 'sub':
      case 'sup':
      case 'small':
      case 'font':
        return children;
      case 'code': {
        // Its text as hast-util-to-text reads the minified element, as the library's handler does.
        const element: HastElement = { type: 'element', tagName: 'code', properties: {}, children: children as unknown as HastContent[] };
        return { type: 'inlineCode', value: toText(element), position } satisfies InlineCode;
      }
      case 'ul':
      case 'ol': {
        const items = toSpecificContent(children as RootContent[], newListItem);
        let start: number | null = null;
        if (tag === 'ol') {
          const written = attributes.get('start');
          if (written !== undefined && !/^[0-9]+$/.test(written)) throw new Declined(`start="${written}"`);
          start = written === undefined ? 1 : Number.parseInt(written, 10);
        }
        return { type: 'list', ordered: tag === 'ol', start, spread: items.length > 1 && items.some((item) => item.spread), children: items, position } satisfies List;
      }
      case 'li':
        return { type: 'listItem', spread, checked: null, children: wrap(children) as ListItem['children'], position } satisfies ListItem;
      case 'blockquote':
        return { type: 'blockquote', children: wrap(children) as Blockquote['children'], position } satisfies Blockquote;
      case 'thead':
      case 'tbody':
        return children;
      case 'tr':
        return { type: 'tableRow', children: toSpecificContent(children as RootContent[], newCell), position } satisfies TableRow;
      case 'th':
      case 'td': {
        const cell: TableCell = { type: 'tableCell', children: children as PhrasingContent[], position };
        // As hast-util-to-mdast's handler leaves them, for spreadCells.
        const rowSpan = spanProperty(attributes.get('rowspan'));
        const colSpan = spanProperty(attributes.get('colspan'));
        if (rowSpan || colSpan) {
          const data: Record<string, unknown> = {};
          if (rowSpan) data.hastUtilToMdastTemporaryRowSpan = rowSpan;
          if (colSpan) data.hastUtilToMdastTemporaryColSpan = colSpan;
          cell.data = data as TableCell['data'];
        }
        return cell;
      }
      default:
        throw new Declined(`<${tag}>`);
    }
  }

  /**
   * A `<div>`: a tab bar becomes the labels of its links, an alert box an aside, any other its
   * children as flow (handleDiv in milvus-html.ts, and the library's `div`).
   */
  private div(attributes: ReadonlyMap<string, string>, children: Nodes[], directTags: readonly string[], position: { start: Point; end: Point }): Result {
    const classes = classesOf(attributes);
    if (classes.some((name) => TAB_BARS.has(name))) return tabBar(children, directTags, position);
    if (classes.some((name) => ALERT_CLASSES.has(name))) {
      return { type: 'containerDirective', name: asideVariant(classes), attributes: {}, children: wrap(children) as ContainerDirective['children'], position } as unknown as Nodes;
    }
    return wrap(children);
  }
}

/**
 * A tab bar's labels, from the text of each link it holds directly (the tree path reads them from
 * the links' elements). Only a bar of plain links is read here: any other child element, or a link
 * holding more than text, is the tree path's.
 */
function tabBar(children: Nodes[], directTags: readonly string[], position: { start: Point; end: Point }): Result {
  if (directTags.some((tag) => tag !== 'a')) throw new Declined('a tab bar holding more than links');
  // An `<a>` without `href` left its text among the div's own: its label would be lost.
  if (children.filter((child) => child.type === 'link').length !== directTags.length) throw new Declined('a tab bar with a link without a target');
  const labels: string[] = [];
  for (const child of children) {
    if (child.type === 'text') continue;
    if (child.type !== 'link' || child.children.some((inner) => inner.type !== 'text')) throw new Declined('a tab bar link holding more than text');
    const link: HastElement = { type: 'element', tagName: 'a', properties: {}, children: child.children as unknown as HastContent[] };
    const label = toText(link).trim();
    if (label !== '') labels.push(label);
  }
  if (labels.length === 0) return undefined;
  return { type: 'paragraph', children: [{ type: 'text', value: labels.join(' · ') }], position } satisfies Paragraph;
}

const NOTHING: ReadonlySet<string> = new Set();
/** What each element may hold: flow, phrasing, or (lists and tables) its own parts. */
const ALLOWED = new Map<string, ReadonlySet<string>>();
for (const tag of KNOWN) {
  const special = CHILDREN[tag];
  ALLOWED.set(tag, special ?? (tag === 'li' || tag === 'div' || tag === 'blockquote' || tag === 'th' || tag === 'td' ? FLOW_CHILDREN : tag === 'code' ? NOTHING : PHRASING_ELEMENTS));
}
/** Shared by every parent whose direct child tags nobody looks at. */
const NO_TAGS: string[] = [];

function newListItem(): ListItem {
  return { type: 'listItem', spread: false, checked: null, children: [] };
}

function newCell(): TableCell {
  return { type: 'tableCell', children: [] };
}

function newRow(): TableRow {
  return { type: 'tableRow', children: [] };
}

/** hast-util-to-mdast's table handler (table-handler.ts) for a table without spans or alignments. */
function tableOf(children: Nodes[], position: { start: Point; end: Point }, headed: boolean): Table {
  const rows = toSpecificContent(children as RootContent[], newRow);
  if (!headed) rows.unshift(newRow());
  for (const row of rows) row.children = toSpecificContent(row.children as RootContent[], newCell);
  const columns = spreadCells(rows);
  return { type: 'table', align: new Array(columns).fill(null), children: rows, position };
}

