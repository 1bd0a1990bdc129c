/**
 * Markup that browsers repair without a word, in ways that hide or move what the author wrote:
 *
 * - `source/unknown-tag`: a placeholder written as a tag (`http://localhost:<port>/api`,
 *   `kubectl logs <pod-name>`) is an element to a browser, which shows nothing of it;
 * - `source/unclosed-element`: a `<div>` or `<h3>` whose end tag is missing (or written as another
 *   start tag) ends only where something else ends it, taking in what follows (the rest of a page
 *   inside an alert box, a code block inside a heading);
 * - `source/misplaced-in-table`: anything but rows and cells between table tags (`<tr.>`) is moved
 *   out, before the table;
 * - `source/link-without-target`: an `<a>` without `href` (`<a herf="…">` in schema.md) is plain
 *   text to a browser, not a link.
 *
 * The parsers already built the repaired tree (the page shows as a browser shows it); these
 * warnings point the author at the markup, where they wrote it. Each looks at one element of the
 * tree as it came from the parser, before the front end rearranges it.
 *
 * Markdown pages hold raw HTML in pieces (an element may open in one piece and close in another),
 * so there only unknown tags and links without a target are reported (reportRawHtmlTags), from
 * the source text.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { codeInMessage, oneLine } from '../code-in-message.ts';
import type { HtmlWarning } from './milvus-html.ts';
import { htmlTagNames } from 'html-tag-names';
import { htmlVoidElements } from 'html-void-elements';
import { html } from 'parse5';
import { HEADINGS } from './well-formed-html.ts';
import { ForwardLines } from '../text-lines.ts';
import { editDistance } from '../edit-distance.ts';

/** Every element name of HTML, current or obsolete (`<kbd>`, `<blink>`), and the SVG and MathML names a page may hold. */
const ELEMENT_NAMES: ReadonlySet<string> = new Set([...htmlTagNames, ...Object.values(html.TAG_NAMES).map((name) => name.toLowerCase())]);

/** Whether a tag name (in lower case) names an element of HTML, SVG or MathML, not a placeholder written as a tag. */
export function isElementName(tag: string): boolean {
  return ELEMENT_NAMES.has(tag);
}
/** Elements that never have content or an end tag (legacy ones such as `<keygen>` and `<frame>` too). */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set(htmlVoidElements);
/** Elements whose end tag the standard lets authors leave out. */
const OPTIONAL_END = new Set(['html', 'head', 'body', 'li', 'dt', 'dd', 'p', 'rt', 'rp', 'optgroup', 'option', 'colgroup', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th']);
/** Shown as written in a message, up to this many characters. */
const SHOWN = 40;

/**
 * Warnings for the children of `parent` (not their descendants: the caller walks the tree). Not
 * for the content of `<svg>` and `<math>`, whose markup follows other rules, nor for `<pre>`,
 * which has a warning of its own.
 */
export function reportRecoveries(parent: Root | Element, source: string, warnings: HtmlWarning[]): void {
  const children = parent.children as Array<RootContent | ElementContent>;
  /** A heading already reported as the start tag written for the end tag of the one before it. */
  let reported: Element | null = null;
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!;
    if (child.type !== 'element' || !child.position || child === reported) continue;
    const tag = child.tagName;
    const start = child.position.start;
    const typo = endTagWrittenAsStartTag(child, children[index + 1], source);
    if (typo) {
      const at = typo.position!.start;
      warnings.push({
        reason: `Unexpected \`<${tag}>\` where the heading's end tag belongs, expected \`</${tag}>\`: browsers start a second heading there, which takes in what follows`,
        line: at.line,
        column: at.column,
        ruleId: 'source/unclosed-element',
      });
      reported = typo;
      continue;
    }
    if (!ELEMENT_NAMES.has(tag)) {
      warnings.push(unknownTag(source.slice(start.offset! + 1, start.offset! + 1 + tag.length), start.line, start.column));
    } else {
      const unclosed = unclosedElement(tag, source, start.line, start.column, child.position.end.offset);
      if (unclosed) warnings.push(unclosed);
    }
    if (tag === 'table') reportFostered(children, index, source, warnings);
    if (tag === 'a') {
      const problem = linkWithoutTarget(source, start.offset!);
      if (problem) {
        // The attribute may stand on a later line of the start tag.
        const between = source.slice(start.offset!, problem.offset);
        const lineEnd = between.lastIndexOf('\n');
        const column = lineEnd === -1 ? start.column + between.length : between.length - lineEnd;
        warnings.push({ reason: problem.reason, line: start.line + between.split('\n').length - 1, column, ruleId: LINK_WITHOUT_TARGET });
      }
    }
  }
}

export const LINK_WITHOUT_TARGET = 'source/link-without-target';

/** An attribute name as the HTML tokenizer reads one, after white space, up to `=`, white space, `/` or `>`. */
const ATTRIBUTE_NAME = /[\t\n\f\r ]+([^\t\n\f\r />][^\t\n\f\r /=>]*)(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:"[^"]*"|'[^']*'|[^\t\n\f\r >]*))?/y;

/**
 * `<a>` at `offset` of `source` without `href`, which browsers show as plain text: the warning's
 * reason and the offset it points at, the attribute that looks like a misspelt `href` (`herf`) or
 * else the tag. An `<a>` with an `id` or `name` is a link target, not a link, and is left alone.
 */
export function linkWithoutTarget(source: string, offset: number): { reason: string; offset: number } | null {
  const attributes: Array<{ name: string; offset: number }> = [];
  ATTRIBUTE_NAME.lastIndex = offset + 2;
  for (let match = ATTRIBUTE_NAME.exec(source); match; match = ATTRIBUTE_NAME.exec(source)) {
    attributes.push({ name: match[1]!, offset: match.index + match[0].indexOf(match[1]!) });
  }
  const names = attributes.map((attribute) => attribute.name.toLowerCase());
  if (names.includes('href') || names.includes('id') || names.includes('name')) return null;
  const misspelt = attributes.find((attribute) => looksLikeHref(attribute.name.toLowerCase()));
  if (misspelt) return { reason: `Unexpected attribute ${codeInMessage(shorten(misspelt.name))} on a link, expected \`href\`: browsers show the link as plain text`, offset: misspelt.offset };
  return { reason: 'Unexpected `<a>` without `href`, expected the target it links to: browsers show it as plain text', offset };
}

/** `herf`, `hreff`, `hrеf` with a Cyrillic `е`: one edit off `href`, or its letters in another order. */
function looksLikeHref(name: string): boolean {
  if (name === 'href') return false;
  if (name.length === 4 && [...name].sort().join('') === 'efhr') return true;
  return editDistance(name, 'href') <= 1;
}

/**
 * `<h3 id="…">Syntax<h3>`: a heading left open, right after its text, by a heading of the same
 * level that is itself never closed; that second start tag is the typo (the end tag written
 * wrong), reported once rather than as two open headings.
 */
function endTagWrittenAsStartTag(heading: Element, next: RootContent | ElementContent | undefined, source: string): Element | null {
  if (!HEADINGS.has(heading.tagName) || next?.type !== 'element' || next.tagName !== heading.tagName || !next.position) return null;
  const end = heading.position?.end.offset;
  if (end === undefined || next.position.start.offset !== end) return null;
  return endsWithEndTag(source, heading.tagName, end) || endsWithEndTag(source, next.tagName, next.position.end.offset) ? null : next;
}

function endsWithEndTag(source: string, tag: string, end: number | undefined): boolean {
  if (end === undefined) return true;
  // `</div>`, compared in place: every element of every page comes here.
  const at = end - tag.length - 3;
  if (source.charCodeAt(end - 1) === 62 /* > */ && source.charCodeAt(at) === 60 /* < */ && source.charCodeAt(at + 1) === 47 /* / */ && source.startsWith(tag, at + 2)) return true;
  // `</DIV>`, `</div >`: rarer spellings of the same end tag.
  return new RegExp(`</${tag}[\\t\\n\\f\\r ]*>$`, 'i').test(source.slice(Math.max(0, at - 16), end));
}

/** What the standard foster-parents out of a table stands before it, yet starts inside it. */
function reportFostered(siblings: Array<RootContent | ElementContent>, tableIndex: number, source: string, warnings: HtmlWarning[]): void {
  const tableStart = siblings[tableIndex]!.position?.start.offset;
  if (tableStart === undefined) return;
  let first = tableIndex;
  while (first > 0 && (siblings[first - 1]!.position?.start.offset ?? -1) > tableStart) first--;
  for (let index = first; index < tableIndex; index++) {
    const sibling = siblings[index]!;
    const start = sibling.position!.start;
    // As written: the parser merges text moved out of one table into one node.
    const offset = start.offset!;
    // Text ends at the next tag; a text that starts with `<` (`a <= b`) is not empty.
    const close = sibling.type === 'element' ? source.indexOf('>', offset) : source.indexOf('<', offset + 1);
    const shown = sibling.type === 'element' ? source.slice(offset, close === -1 ? undefined : close + 1) : source.slice(offset, close === -1 ? undefined : close).trim();
    warnings.push({
      reason: `Unexpected ${codeInMessage(shorten(shown))} inside a table, expected rows and cells only: browsers move it before the table`,
      line: start.line,
      column: start.column,
      ruleId: 'source/misplaced-in-table',
    });
  }
}

/**
 * `source/unclosed-element` for an element of HTML starting at `line`:`column` and ending at
 * `end` without its end tag, when the standard requires one (not for `<p>`, `<li>`, `<td>`…).
 */
export function unclosedElement(tag: string, source: string, line: number, column: number, end: number | undefined): HtmlWarning | null {
  if (VOID_ELEMENTS.has(tag) || OPTIONAL_END.has(tag) || tag === 'pre' || endsWithEndTag(source, tag, end)) return null;
  return {
    reason: `Unexpected \`<${tag}>\` without \`</${tag}>\`, expected its end tag: browsers end it only where something else ends, and take in what follows`,
    line,
    column,
    ruleId: 'source/unclosed-element',
  };
}

/** `source/unknown-tag` for a start tag written `<written…` at the given place of its `<`. */
export function unknownTag(written: string, line: number, column: number): HtmlWarning {
  return {
    reason: `Unexpected tag \`<${shorten(written)}>\`, expected text: browsers take it for an element and show nothing of it (write \`&lt;${shorten(written)}&gt;\`)`,
    line,
    column,
    ruleId: 'source/unknown-tag',
  };
}

/** A start tag as the HTML tokenizer reads one: `<`, an ASCII letter, the name up to white space, `/` or `>`. */
const START_TAG_NAME = /<([A-Za-z][^\t\n\f\r />]*)/y;
/** Elements whose content is not markup (raw text) or is markup of its own (SVG, MathML), with the end tag that ends it. */
const OPAQUE_CONTENT = new Map(['script', 'style', 'textarea', 'title', 'xmp', 'svg', 'math'].map((name) => [name, new RegExp(`</${name}[\\t\\n\\f\\r />]`, 'ig')]));

/**
 * `source/unknown-tag` and `source/link-without-target` for raw HTML in Markdown, read from
 * `source` between `from` and `to` (a Markdown `html` node, whose value lacks the container
 * prefixes that the offsets count): start tags outside comments, attribute values and opaque
 * content. `start` is the position of `from`. Every search stays inside the node, so a page of
 * many nodes is read once.
 */
export function reportRawHtmlTags(source: string, from: number, to: number, start: { line: number; column: number }, warnings: HtmlWarning[]): void {
  const raw = source.slice(from, to);
  const lines = new ForwardLines(raw);
  // Lines of the node count from its start; columns too, on its first line.
  const placed = (offset: number): [line: number, column: number] => {
    lines.moveTo(offset);
    return [start.line + lines.line - 1, lines.line === 1 ? start.column + offset : offset - lines.lineStart + 1];
  };
  for (let at = raw.indexOf('<'); at !== -1; at = raw.indexOf('<', at)) {
    if (raw.startsWith('<!--', at)) {
      const close = raw.indexOf('-->', at + 4);
      if (close === -1) return;
      at = close + 3;
      continue;
    }
    START_TAG_NAME.lastIndex = at;
    const match = START_TAG_NAME.exec(raw);
    if (!match) {
      at++;
      continue;
    }
    const name = match[1]!.toLowerCase();
    if (!ELEMENT_NAMES.has(name)) warnings.push(unknownTag(match[1]!, ...placed(at)));
    if (name === 'a') {
      const problem = linkWithoutTarget(raw, at);
      if (problem) {
        const [line, column] = placed(problem.offset);
        warnings.push({ reason: problem.reason, line, column, ruleId: LINK_WITHOUT_TARGET });
      }
    }
    at = endOfTag(raw, START_TAG_NAME.lastIndex);
    const endTag = OPAQUE_CONTENT.get(name);
    if (endTag) {
      endTag.lastIndex = at;
      if (endTag.exec(raw) === null) return;
      at = endTag.lastIndex;
    }
  }
}

/** Just after the `>` that ends a tag whose name ends at `at` (a `>` inside a quoted value does not). */
function endOfTag(raw: string, at: number): number {
  let quote = 0;
  for (let index = at; index < raw.length; index++) {
    const code = raw.charCodeAt(index);
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === 34 /* " */ || code === 39 /* ' */) {
      quote = code;
    } else if (code === 62 /* > */) {
      return index + 1;
    }
  }
  return raw.length;
}

/** Markup as a message shows it: on one line, cut at SHOWN characters. */
export function shorten(text: string): string {
  return oneLine(text, SHOWN);
}
