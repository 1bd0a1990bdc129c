/**
 * A fast tree builder for well-formed HTML: the subset in which the HTML standard's tree
 * construction is plain nesting (every element closed by its own end tag, in order, nothing
 * implied, nothing foster-parented, no raw-text element but `<style>`), which is what Milvus
 * renders, plus SVG and MathML as Milvus pages write them, and the standard's simplest recoveries
 * (see the rules below; among them elements left open at the end of the page, and an unknown
 * element between table rows, which the standard moves before the table).
 *
 * For such input it returns exactly the hast that rehype-parse (parse5 + hast-util-from-parse5,
 * fragment mode) returns, positions included, several times faster. For anything outside the
 * subset it returns null and the caller uses the real parser: every rule below declines rather
 * than guess. The corpus suite compares both on every page, and a mutation test compares them on
 * damaged pages, so the subset cannot silently drift from the standard.
 */
import type { Comment, Element, ElementContent, Properties, Root, Text } from 'hast';
import { h, s } from 'hastscript';
import { foreignContent, html } from 'parse5';
import { referenceOrAmpersandAt } from './character-references.ts';
import { ForwardLines } from '../text-lines.ts';

interface Point {
  line: number;
  column: number;
  offset: number;
}

interface Frame {
  tag: string;
  node: Element;
  /** SVG or MathML: foreign content, whose rules differ (see SVG_CHILDREN, MATH_CHILDREN). */
  foreign: 'svg' | 'math' | null;
  /** An unknown element that the standard moved out of a table (see fosterOutOfTable). */
  fostered?: boolean;
}

/** Heading elements (the front end's other passes share this set). */
export const HEADINGS: ReadonlySet<string> = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const VOID = new Set(['br', 'img', 'hr', 'wbr']);
/** Start tags that close an open `<p>` (in button scope) in the standard: declined when one is open. */
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'header', 'hgroup', 'main', 'menu', 'nav', 'ol', 'p', 'search', 'section', 'summary', 'ul',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'li', 'dd', 'dt', 'table', 'hr',
]);
/** Ordinary phrasing and formatting elements: inserted where they stand, closed by their end tag. */
const PHRASING = ['a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'button', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd', 'mark', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var'];
const BODY_ELEMENTS = new Set([...CLOSES_P, ...PHRASING, ...VOID, 'svg', 'math']);
/** Where table parts may stand: anything else in these is foster-parented or implied, so declined. */
const TABLE_CHILDREN = new Map<string, Set<string>>([
  ['table', new Set(['thead', 'tbody', 'tfoot'])],
  ['thead', new Set(['tr'])],
  ['tbody', new Set(['tr'])],
  ['tfoot', new Set(['tr'])],
  ['tr', new Set(['td', 'th'])],
]);
/** End tags that close the open elements above their element (the standard's "pop until"). */
const POPS_THROUGH = new Set([
  'address', 'article', 'aside', 'blockquote', 'button', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'header', 'hgroup', 'main', 'menu', 'nav', 'ol', 'pre', 'search', 'section', 'summary', 'ul',
  'li', 'dd', 'dt', 'p', 'td', 'th',
]);
const FORMATTING = new Set(['a', 'b', 'big', 'code', 'em', 'font', 'i', 'nobr', 's', 'small', 'strike', 'strong', 'tt', 'u']);
/** Elements that end the search for an open element "in scope", per kind of scope (those that can appear here). */
const DEFAULT_SCOPE = new Set(['table', 'td', 'th']);
const LIST_ITEM_SCOPE = new Set(['table', 'td', 'th', 'ol', 'ul']);
const BUTTON_SCOPE = new Set(['table', 'td', 'th', 'button']);
const TABLE_SCOPE = new Set(['table']);
const TABLE_PARTS = new Set(['caption', 'col', 'colgroup', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th']);
const TABLE_SECTIONS = new Set(['thead', 'tbody', 'tfoot']);
/** Elements of the standard's "special" category that appear here (they stop the `<li>`/`<dd>` search). */
const SPECIAL = new Set([...CLOSES_P, 'br', 'button', 'img', 'wbr', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th']);
/** SVG shapes without HTML integration points or breakout rules. */
const SVG_CHILDREN = new Set(['path', 'g', 'circle', 'rect', 'line', 'polyline', 'polygon', 'ellipse']);
/**
 * MathML elements as KaTeX writes them, none an HTML integration point (`annotation-xml` is one)
 * nor named like an HTML element that breaks out of foreign content.
 */
const MATH_CHILDREN = new Set(['semantics', 'annotation', 'mrow', 'mi', 'mo', 'mn', 'ms', 'mtext', 'mspace', 'msub', 'msup', 'msubsup', 'mfrac', 'msqrt', 'mroot', 'mstyle', 'mpadded', 'mphantom', 'menclose', 'mover', 'munder', 'munderover', 'mtable', 'mtr', 'mtd']);
/** MathML text integration points: a start tag in them is read as HTML (in body), so it is declined. */
const MATH_TEXT = new Set(['mi', 'mo', 'mn', 'ms', 'mtext']);

/**
 * The tag patterns of both fast readers (this builder and direct-reader.ts): sticky or global, so
 * each use sets `lastIndex` first.
 */
export const START_TAG = /<([A-Za-z][A-Za-z0-9_.-]*)((?:[\t\n\f ]+[A-Za-z_:][A-Za-z0-9_:.-]*(?:[\t\n\f ]*=[\t\n\f ]*(?:"[^"]*"|'[^']*'|[^\t\n\f >"'<=`]+))?)*)[\t\n\f ]*(\/?)>/y;
export const ATTRIBUTE = /[\t\n\f ]+([A-Za-z_:][A-Za-z0-9_:.-]*)(?:[\t\n\f ]*=[\t\n\f ]*(?:"([^"]*)"|'([^']*)'|([^\t\n\f >"'<=`]+)))?/g;
export const END_TAG = /<\/([A-Za-z][A-Za-z0-9_.-]*)[\t\n\f ]*>/y;
/**
 * Names the standard's tree construction treats specially. Any other name (`<kbd>`,
 * `<smallProportion>`, a `<your_token>` placeholder) is an ordinary element that the standard
 * never closes early.
 */
const SPECIAL_TO_TREE_CONSTRUCTION: ReadonlySet<string> = new Set(Object.values(html.TAG_NAMES).map((name) => name.toLowerCase()));
const PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));
/**
 * A Milvus heading's anchor button exactly as the site renders it: one SVG holding one path, with
 * plain attribute values. The standard nests all of it plainly (foreign content with no breakout).
 */
export const ANCHOR_BUTTON =
  /<button data-href="[^"<>&]*" class="anchor-icon" translate="no">[\t\n\f ]*<svg(?:[\t\n\f ]+[A-Za-z-]+="[^"<>&]*")*[\t\n\f ]*>[\t\n\f ]*<path(?:[\t\n\f ]+[A-Za-z-]+="[^"<>&]*")*[\t\n\f ]*><\/path>[\t\n\f ]*<\/svg>[\t\n\f ]*<\/button>/y;

class Declined extends Error {}

export interface WellFormedOptions {
  /**
   * Build Milvus heading anchor buttons (see ANCHOR_BUTTON) without their content. For a caller
   * that drops those buttons: their SVG is a fifth of a Milvus page and would be built for nothing.
   */
  hollowAnchorButtons?: boolean;
  /**
   * Code blocks whose content a scanner has already read (offsets in order, see code-scan.ts): each
   * content becomes one text node with its place and an empty value, without being looked at, as
   * if it were blanked out. The caller takes the text from its scanner.
   */
  scannedContents?: ReadonlyArray<{ contentStart: number; contentEnd: number }>;
}

export function buildWellFormedHtml(text: string, options: WellFormedOptions = {}): Root | null {
  // NUL and CR are rewritten by the standard's input stream; decoded sources have neither.
  if (text.includes('\0') || text.includes('\r')) return null;
  try {
    return new Builder(text, options.hollowAnchorButtons === true, options.scannedContents ?? []).build();
  } catch (error) {
    if (error instanceof Declined) return null;
    throw error;
  }
}

class Builder {
  private readonly text: string;
  private readonly root: Root = { type: 'root', children: [], data: { quirksMode: false } };
  private readonly stack: Frame[] = [];
  /** Line bookkeeping for offsets visited in order. */
  private readonly lines: ForwardLines;
  private sawStartTag = false;
  private placedAny = false;
  private pendingText: { start: number; end: number; value: string } | null = null;
  /** Open elements by tag, and open headings. */
  private readonly open = new Map<string, number>();
  private openHeadings = 0;
  private readonly hollowAnchorButtons: boolean;
  private readonly scannedContents: ReadonlyArray<{ contentStart: number; contentEnd: number }>;

  constructor(text: string, hollowAnchorButtons: boolean, scannedContents: ReadonlyArray<{ contentStart: number; contentEnd: number }>) {
    this.text = text;
    this.lines = new ForwardLines(text);
    this.hollowAnchorButtons = hollowAnchorButtons;
    this.scannedContents = scannedContents;
  }

  build(): Root {
    const { text } = this;
    let i = 0;
    // The next `<` and `&` at or after i, each searched again only once passed.
    let nextTag = -1;
    let nextReference = -1;
    const scanned = this.scannedContents;
    let nextScanned = 0;
    while (i < text.length) {
      while (nextScanned < scanned.length && scanned[nextScanned]!.contentStart < i) nextScanned++;
      const content = scanned[nextScanned];
      if (content !== undefined && content.contentStart === i && content.contentEnd > i) {
        this.addText(i, '', content.contentEnd);
        i = content.contentEnd;
        nextScanned++;
        continue;
      }
      if (nextTag < i) nextTag = indexOrEnd(text, '<', i);
      if (nextReference < i) nextReference = indexOrEnd(text, '&', i);
      const next = nextTag < nextReference ? nextTag : nextReference;
      if (next > i) this.addText(i, text.slice(i, next), next);
      i = next;
      if (i >= text.length) break;
      if (text.charCodeAt(i) === 38 /* & */) {
        const reference = referenceAt(text, i);
        this.addText(i, reference.value, i + reference.length);
        i += reference.length;
        continue;
      }
      const after = text.charCodeAt(i + 1);
      if (isAsciiAlpha(after)) {
        i = this.startTag(i);
      } else if (after === 47 /* / */) {
        i = this.endTag(i);
      } else if (after === 33 /* ! */) {
        i = this.comment(i);
      } else if (Number.isNaN(after) || after === 63 /* ? */) {
        throw new Declined();
      } else {
        // A `<` that starts no tag is text (`a <= b`).
        this.addText(i, '<', i + 1);
        i++;
      }
    }
    this.flushText();
    // The end of the page closes every element still open (an alert `<div>` never closed), as
    // the standard's "stop parsing" does.
    if (this.stack.length > 0) {
      if (this.stack.some((frame) => frame.fostered)) throw new Declined();
      const closedAt = this.pointAt(text.length);
      for (let index = this.stack.length - 1; index >= 0; index--) closeImplicitly(this.stack[index]!.node, closedAt);
      while (this.stack.length > 0) this.pop();
    }
    // hast-util-from-parse5 places the root only when some node in it has a place.
    if (this.placedAny) this.root.position = { start: { line: 1, column: 1, offset: 0 }, end: this.pointAt(text.length) };
    return this.root;
  }

  /** Character data is gathered until a node comes between, as parse5 merges adjacent characters. */
  private addText(start: number, value: string, end: number): void {
    if (this.pendingText === null) this.pendingText = { start, end, value };
    else {
      this.pendingText.value += value;
      this.pendingText.end = end;
    }
  }

  private flushText(): void {
    const pending = this.pendingText;
    if (pending === null) return;
    this.pendingText = null;
    this.append({ type: 'text', value: pending.value, position: { start: this.pointAt(pending.start), end: this.pointAt(pending.end) } } satisfies Text);
  }

  private startTag(at: number): number {
    START_TAG.lastIndex = at;
    const match = START_TAG.exec(this.text);
    if (!match) throw new Declined();
    const end = START_TAG.lastIndex;
    const tag = match[1]!.toLowerCase();
    const selfClosing = match[3] === '/';
    this.flushText();
    this.sawStartTag = true;
    const current = this.stack.at(-1);
    const start = this.pointAt(at);
    if (current?.foreign === 'math') {
      if (!MATH_CHILDREN.has(tag) || MATH_TEXT.has(current.tag)) throw new Declined();
      return this.mathElement(tag, match[2]!, selfClosing, start, end);
    }
    if (current?.foreign === 'svg') {
      if (!SVG_CHILDREN.has(tag)) throw new Declined();
      const element = elementFor(tag, match[2]!, true);
      element.position = { start, end: this.pointAt(end) };
      this.append(element);
      if (!selfClosing) this.push({ tag, node: element, foreign: 'svg' });
      return end;
    }
    if (current?.fostered) {
      // Only a cell may follow: it ends the moved element and starts a row of its own.
      if ((tag !== 'td' && tag !== 'th') || selfClosing) throw new Declined();
      this.pop();
      closeImplicitly(current.node, start);
      this.impliedRow();
    }
    if (!BODY_ELEMENTS.has(tag) && !TABLE_PARTS.has(tag) && tag !== 'style' && SPECIAL_TO_TREE_CONSTRUCTION.has(tag)) throw new Declined();
    const context = this.stack.at(-1)?.tag;
    const tableChildren = context === undefined ? undefined : TABLE_CHILDREN.get(context);
    if (tableChildren && TABLE_SECTIONS.has(context!) && !SPECIAL_TO_TREE_CONSTRUCTION.has(tag) && !selfClosing) return this.fosterOutOfTable(tag, match[2]!, start, end);
    if (tableChildren ? !tableChildren.has(tag) : TABLE_PARTS.has(tag)) throw new Declined();
    if (tag === 'style') return this.rawText(tag, match[2]!, selfClosing, start, end);
    if ((tag === 'li' && this.wouldClose(['li'])) || ((tag === 'dd' || tag === 'dt') && this.wouldClose(['dd', 'dt']))) throw new Declined();
    if (CLOSES_P.has(tag) && this.pInButtonScope()) {
      // `<p>text<div>`: the standard ends the paragraph where the block starts.
      if (current!.tag !== 'p') throw new Declined();
      this.pop();
      closeImplicitly(current!.node, start);
    }
    const parent = this.stack.at(-1);
    if (HEADINGS.has(tag) && parent !== undefined && HEADINGS.has(parent.tag)) {
      // `<h3>Syntax<h3>`: the standard ends the open heading where the next one starts.
      this.pop();
      closeImplicitly(parent.node, start);
    }
    if (tag === 'button' && this.inScope('button')) throw new Declined();
    if (tag === 'button' && this.hollowAnchorButtons) {
      ANCHOR_BUTTON.lastIndex = at;
      if (ANCHOR_BUTTON.test(this.text)) {
        const button = elementFor(tag, match[2]!, false);
        button.position = { start, end: this.pointAt(ANCHOR_BUTTON.lastIndex) };
        this.append(button);
        return ANCHOR_BUTTON.lastIndex;
      }
    }
    if (tag === 'a' && this.openCount('a') > 0) throw new Declined();
    if (tag === 'math') return this.mathElement(tag, match[2]!, selfClosing, start, end);
    if (tag === 'svg') {
      const element = elementFor(tag, match[2]!, true);
      element.position = { start, end: this.pointAt(end) };
      this.append(element);
      if (!selfClosing) this.push({ tag, node: element, foreign: 'svg' });
      return end;
    }
    const isVoid = VOID.has(tag);
    // A `/>` on a non-void HTML element is ignored by the standard: the element stays open.
    if (selfClosing && !isVoid) throw new Declined();
    const element = elementFor(tag, match[2]!, false);
    element.position = { start, end: this.pointAt(end) };
    this.append(element);
    if (isVoid) return end;
    this.push({ tag, node: element, foreign: null });
    // The standard drops a line feed right after `<pre>`. parse5 reads white space as one token:
    // when more white space follows the line feed, the text keeps the line feed's place as its start.
    if (tag === 'pre' && this.text.charCodeAt(end) === 10) {
      if (isHtmlWhiteSpace(this.text.charCodeAt(end + 1))) this.addText(end, '', end + 1);
      return end + 1;
    }
    return end;
  }

  /**
   * A MathML element: built as hast-util-from-parse5 builds it (HTML properties, no SVG
   * adjustments); attributes the standard adjusts in MathML (`definitionURL`, `xlink:…`) are declined.
   */
  private mathElement(tag: string, attributeSource: string, selfClosing: boolean, start: Point, end: number): number {
    for (const attribute of attributeMatches(attributeSource)) {
      const name = attribute[1]!.toLowerCase();
      if (name === 'definitionurl' || name.includes(':')) throw new Declined();
    }
    const element = elementFor(tag, attributeSource, false);
    element.position = { start, end: this.pointAt(end) };
    this.append(element);
    if (!selfClosing) this.push({ tag, node: element, foreign: 'math' });
    return end;
  }

  /**
   * `<tr.>` between the rows of a table (manage-collections.md): an unknown element where only
   * rows may stand is moved before the table (foster parenting) and stays the current element,
   * taking the white space after it, until a cell ends it and starts a row without a start tag
   * (see startTag). Anything else while it is open is declined.
   */
  private fosterOutOfTable(tag: string, attributeSource: string, start: Point, end: number): number {
    let tableIndex = this.stack.length - 1;
    while (tableIndex >= 0 && this.stack[tableIndex]!.tag !== 'table') tableIndex--;
    if (tableIndex === -1) throw new Declined();
    const table = this.stack[tableIndex]!.node;
    const siblings = tableIndex === 0 ? this.root.children : this.stack[tableIndex - 1]!.node.children;
    const element = elementFor(tag, attributeSource, false);
    element.position = { start, end: this.pointAt(end) };
    siblings.splice(siblings.indexOf(table as never), 0, element as never);
    this.push({ tag, node: element, foreign: null, fostered: true });
    return end;
  }

  /** A cell directly in a table section: the standard inserts a row without a start tag (and without a place). */
  private impliedRow(): void {
    const section = this.stack.at(-1);
    if (!section || !TABLE_SECTIONS.has(section.tag)) throw new Declined();
    const row = h('tr', {}, []) as Element;
    section.node.children.push(row);
    this.push({ tag: 'tr', node: row, foreign: null });
  }

  /**
   * `<style>` (a notebook's table styles): its text is raw, up to the first `</style>`, as the
   * standard's RAWTEXT state reads it; the element does not end an open paragraph.
   */
  private rawText(tag: string, attributeSource: string, selfClosing: boolean, start: Point, contentStart: number): number {
    if (selfClosing) throw new Declined();
    const { text } = this;
    const closeTag = `</${tag}`;
    let close = text.indexOf('</', contentStart);
    while (close !== -1 && text.slice(close, close + closeTag.length).toLowerCase() !== closeTag) close = text.indexOf('</', close + 2);
    // Only a plain `</style>` ends it here; `</style foo>` and a missing end tag are the parser's.
    if (close === -1 || text.charCodeAt(close + closeTag.length) !== 62 /* > */) throw new Declined();
    const element = elementFor(tag, attributeSource, false);
    if (close > contentStart) {
      element.children.push({ type: 'text', value: text.slice(contentStart, close), position: { start: this.pointAt(contentStart), end: this.pointAt(close) } } satisfies Text);
    }
    const end = close + closeTag.length + 1;
    element.position = { start, end: this.pointAt(end) };
    this.append(element);
    return end;
  }

  private endTag(at: number): number {
    // Most end tags close the current element as written (`</p>`): no match needed.
    const open = this.stack.at(-1);
    if (open?.fostered) throw new Declined();
    if (open && this.text.startsWith(open.tag, at + 2) && this.text.charCodeAt(at + 2 + open.tag.length) === 62 /* > */) {
      const end = at + 3 + open.tag.length;
      this.flushText();
      this.pop();
      // An implied row (impliedRow) has no place, as in parse5's tree.
      if (open.node.position) open.node.position.end = this.pointAt(end);
      return end;
    }
    END_TAG.lastIndex = at;
    const match = END_TAG.exec(this.text);
    if (!match) throw new Declined();
    const tag = match[1]!.toLowerCase();
    const end = END_TAG.lastIndex;
    // Before the first start tag the fragment is in "in template" mode, which ignores every end tag
    // (and the text on both sides of an ignored end tag stays one text node).
    if (!this.sawStartTag) return end;
    const current = this.stack.at(-1);
    if (current && current.tag.toLowerCase() === tag) {
      this.flushText();
      this.pop();
      if (current.node.position) current.node.position.end = this.pointAt(end);
      return end;
    }
    // Foreign content and the table modes have end tag rules of their own.
    if (current && (current.foreign !== null || TABLE_CHILDREN.has(current.tag))) throw new Declined();
    let index = this.openCount(tag) === 0 ? -1 : this.stack.length - 1;
    while (index >= 0 && this.stack[index]!.tag !== tag) index--;
    if (index === -1) {
      if (tag === 'p' || tag === 'br') {
        // `</p>` makes an empty paragraph, `</br>` a line break; parse5 gives neither a position.
        this.flushText();
        this.append(h(tag, {}, []) as Element);
      } else if ((HEADINGS.has(tag) && this.openHeadings > 0) || tag === 'body' || tag === 'html' || tag === 'template' || tag === 'form') {
        throw new Declined();
      }
      // Any other end tag without an open element is ignored.
      return end;
    }
    // `<li>item</ul>`: the standard closes the open elements up to the named one; a heading's end
    // tag closes up to the nearest heading, whichever it is.
    const unknown = !SPECIAL_TO_TREE_CONSTRUCTION.has(tag) && !BODY_ELEMENTS.has(tag);
    // A formatting element's end tag over ordinary elements (`<em>List<IndexParam></em>`) is the
    // adoption agency's simple case, with no furthest block: it closes everything up to it.
    const formatting = FORMATTING.has(tag);
    if (!POPS_THROUGH.has(tag) && !HEADINGS.has(tag) && !unknown && !formatting) throw new Declined();
    const boundaries = tag === 'li' ? LIST_ITEM_SCOPE : tag === 'p' ? BUTTON_SCOPE : tag === 'td' || tag === 'th' ? TABLE_SCOPE : DEFAULT_SCOPE;
    for (let above = index + 1; above < this.stack.length; above++) {
      const frame = this.stack[above]!;
      // Formatting elements closed this way would be reopened by the standard later on.
      if (frame.foreign !== null || FORMATTING.has(frame.tag) || boundaries.has(frame.tag) || TABLE_CHILDREN.has(frame.tag) || HEADINGS.has(frame.tag)) throw new Declined();
      // An unknown element's end tag stops at the first special element (and is then ignored).
      if ((unknown || formatting) && SPECIAL.has(frame.tag)) throw new Declined();
    }
    this.flushText();
    const closedAt = this.pointAt(at);
    for (let above = this.stack.length - 1; above > index; above--) closeImplicitly(this.stack[above]!.node, closedAt);
    const target = this.stack[index]!;
    while (this.stack.length > index) this.pop();
    if (target.node.position) target.node.position.end = this.pointAt(end);
    return end;
  }

  private comment(at: number): number {
    const { text } = this;
    if (this.stack.at(-1)?.fostered) throw new Declined();
    if (!text.startsWith('<!--', at)) throw new Declined();
    const close = text.indexOf('-->', at + 4);
    if (close === -1) throw new Declined();
    const value = text.slice(at + 4, close);
    // Abrupt (`<!-->`), `--!>`-ended and nested-looking comments end elsewhere in the standard.
    if (value.startsWith('>') || value.startsWith('->') || value.includes('--!>') || value.includes('<!-')) throw new Declined();
    const end = close + 3;
    this.flushText();
    this.append({ type: 'comment', value, position: { start: this.pointAt(at), end: this.pointAt(end) } } satisfies Comment);
    return end;
  }

  private append(node: ElementContent): void {
    const parent = this.stack.at(-1);
    if (node.type === 'text' && parent && (TABLE_CHILDREN.has(parent.tag) || parent.fostered) && !/^[\t\n\f ]*$/.test(node.value)) throw new Declined();
    (parent ? parent.node.children : this.root.children).push(node);
  }

  // The scope searches walk the stack only when an element they look for is open at all, so that
  // deep nesting (a hostile page) stays linear.
  private push(frame: Frame): void {
    this.stack.push(frame);
    this.open.set(frame.tag, (this.open.get(frame.tag) ?? 0) + 1);
    if (HEADINGS.has(frame.tag)) this.openHeadings++;
  }

  private pop(): Frame {
    const frame = this.stack.pop()!;
    this.open.set(frame.tag, this.open.get(frame.tag)! - 1);
    if (HEADINGS.has(frame.tag)) this.openHeadings--;
    return frame;
  }

  private openCount(tag: string): number {
    return this.open.get(tag) ?? 0;
  }

  private pInButtonScope(): boolean {
    if (this.openCount('p') === 0) return false;
    for (let index = this.stack.length - 1; index >= 0; index--) {
      const tag = this.stack[index]!.tag;
      if (tag === 'p') return true;
      if (tag === 'button' || tag === 'table' || tag === 'td' || tag === 'th' || this.stack[index]!.foreign !== null) return false;
    }
    return false;
  }

  private inScope(target: string): boolean {
    if (this.openCount(target) === 0) return false;
    for (let index = this.stack.length - 1; index >= 0; index--) {
      const tag = this.stack[index]!.tag;
      if (tag === target) return true;
      if (tag === 'table' || tag === 'td' || tag === 'th' || this.stack[index]!.foreign !== null) return false;
    }
    return false;
  }

  /** The standard's `<li>`/`<dd>`/`<dt>` start: would it close an open item? */
  private wouldClose(items: string[]): boolean {
    if (items.every((item) => this.openCount(item) === 0)) return false;
    for (let index = this.stack.length - 1; index >= 0; index--) {
      const tag = this.stack[index]!.tag;
      if (items.includes(tag)) return true;
      if (SPECIAL.has(tag) && tag !== 'address' && tag !== 'div' && tag !== 'p') return false;
    }
    return false;
  }

  /** Offsets arrive in document order, so lines are counted once, as the scan moves on. */
  private pointAt(offset: number): Point {
    const { lines } = this;
    if (offset < lines.offset) throw new Error('positions must be asked for in document order');
    lines.moveTo(offset);
    this.placedAny = true;
    return { line: lines.line, column: offset - lines.lineStart + 1, offset };
  }

}

/**
 * An element closed by something other than its end tag ends, in hast-util-from-parse5, where
 * its last child ends, or else where the closing token starts.
 */
function closeImplicitly(element: Element, closedAt: Point): void {
  if (!element.position) return;
  const tail = element.children.at(-1);
  element.position.end = tail?.position?.end ? { ...tail.position.end } : { ...closedAt };
}

/**
 * Elements by tag and attribute source: pages repeat the same few start tags thousands of times,
 * and turning attributes into hast properties is the costliest part of building an element. Kept
 * by tag, then by attribute source, so that finding one needs no key built per element.
 */
interface ElementTemplate {
  tagName: string;
  /** The properties as hastscript makes them, in its order. */
  names: readonly string[];
  values: ReadonlyArray<Properties[string]>;
}
const htmlTemplates = new Map<string, Map<string, ElementTemplate>>();
const svgTemplates = new Map<string, Map<string, ElementTemplate>>();
let templateCount = 0;
const MAX_TEMPLATES = 4096;

function elementFor(tag: string, attributeSource: string, svg: boolean): Element {
  const byTag = svg ? svgTemplates : htmlTemplates;
  let template = byTag.get(tag)?.get(attributeSource);
  if (!template) {
    if (templateCount >= MAX_TEMPLATES) {
      htmlTemplates.clear();
      svgTemplates.clear();
      templateCount = 0;
    }
    const element = svg ? svgElement(tag, attributeSource) : (h(tag, htmlProperties(attributeSource), []) as Element);
    template = { tagName: element.tagName, names: Object.keys(element.properties), values: Object.values(element.properties) };
    let byAttributes = byTag.get(tag);
    if (!byAttributes) byTag.set(tag, (byAttributes = new Map()));
    byAttributes.set(attributeSource, template);
    templateCount++;
  }
  const properties: Properties = {};
  const { names, values } = template;
  for (let index = 0; index < names.length; index++) {
    const value = values[index];
    properties[names[index]!] = Array.isArray(value) ? value.slice() : value;
  }
  return { type: 'element', tagName: template.tagName, properties, children: [] };
}

/**
 * ATTRIBUTE's matches in a tag's attribute source. `matchAll` starts where the shared pattern's
 * `lastIndex` stands, and the direct reader leaves it mid-source when it declines a page in an
 * attribute: left there, the attributes before it would be skipped (and the element's template
 * kept so for the pages after).
 */
function attributeMatches(source: string): IterableIterator<RegExpExecArray> {
  ATTRIBUTE.lastIndex = 0;
  return source.matchAll(ATTRIBUTE);
}

function htmlProperties(source: string): Properties {
  const properties: Record<string, string> = {};
  for (const match of attributeMatches(source)) {
    const name = match[1]!.toLowerCase();
    // The first of two equal attributes wins; prototype names are skipped as rehype does.
    if (Object.hasOwn(properties, name) || PROTOTYPE_KEYS.has(name)) continue;
    properties[name] = attributeValue(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return properties;
}

function svgElement(tag: string, source: string): Element {
  const token = { tagName: tag, attrs: [] as Array<{ name: string; value: string; prefix?: string; namespace?: string }> };
  const seen = new Set<string>();
  for (const match of attributeMatches(source)) {
    const name = match[1]!.toLowerCase();
    if (seen.has(name)) continue;
    seen.add(name);
    token.attrs.push({ name, value: attributeValue(match[2] ?? match[3] ?? match[4] ?? '') });
  }
  foreignContent.adjustTokenSVGTagName(token as never);
  foreignContent.adjustTokenSVGAttrs(token as never);
  foreignContent.adjustTokenXMLAttrs(token as never);
  const properties: Record<string, string> = {};
  for (const attribute of token.attrs) {
    const name = (attribute.prefix ? `${attribute.prefix}:` : '') + attribute.name;
    if (!PROTOTYPE_KEYS.has(name)) properties[name] = attribute.value;
  }
  return s(token.tagName, properties, []) as Element;
}

function attributeValue(raw: string): string {
  if (!raw.includes('&')) return raw;
  let value = '';
  let i = 0;
  for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', i)) {
    value += raw.slice(i, amp);
    const reference = referenceAt(raw, amp);
    value += reference.value;
    i = amp + reference.length;
  }
  return value + raw.slice(i);
}

/** A character reference at `&` (see referenceOrAmpersandAt); what the standard treats subtly is declined. */
function referenceAt(text: string, at: number): { value: string; length: number } {
  const reference = referenceOrAmpersandAt(text, at);
  if (reference === null) throw new Declined();
  return reference;
}

export function indexOrEnd(text: string, search: string, from: number): number {
  const index = text.indexOf(search, from);
  return index === -1 ? text.length : index;
}

function isAsciiAlpha(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Tab, line feed, form feed and space: what the HTML tokenizer reads as white space (CR is gone). */
function isHtmlWhiteSpace(code: number): boolean {
  return code === 9 || code === 10 || code === 12 || code === 32;
}
