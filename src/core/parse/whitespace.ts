/**
 * HTML whitespace minification, as hast-util-to-mdast does it before converting (it runs
 * hast-util-minify-whitespace 1.0.1, MIT, © Titus Wormer, with `newlines: false`).
 *
 * This is a line-for-line port of that algorithm with one change: element tests are set lookups.
 * The original converts its tag-name lists into fresh test functions on every call, which made
 * whitespace handling the costliest step of parsing a page (about a quarter of the time, and most
 * of the garbage). `milvusHtmlToMdast` minifies with this port and then hands the tree to
 * hast-util-to-mdast's handlers; the corpus suite checks that the result equals the original's on
 * every real page.
 */
import type { Element, Nodes, Parents, Root, RootContent, Text } from 'hast';

/** Block-like elements: whitespace next to them is not shown (hast-util-minify-whitespace `blocks`). */
const BLOCKS = new Set(['address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'center', 'col', 'colgroup', 'dd', 'dialog', 'dir', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head', 'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'listing', 'main', 'menu', 'nav', 'ol', 'optgroup', 'option', 'p', 'plaintext', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'wbr', 'xmp']);
/** Elements that contribute content, so whitespace around them counts (`content`). */
const CONTENTS = new Set(['button', 'input', 'select', 'textarea']);
/** Embedded content (hast-util-embedded). */
const EMBEDDED = new Set(['audio', 'canvas', 'embed', 'iframe', 'img', 'math', 'object', 'picture', 'svg', 'video']);
/** Elements whose content never shows (`skippable`). */
const SKIPPABLES = new Set(['area', 'base', 'basefont', 'dialog', 'datalist', 'head', 'link', 'meta', 'noembed', 'noframes', 'param', 'rp', 'script', 'source', 'style', 'template', 'track', 'title']);

type Whitespace = 'normal' | 'nowrap' | 'pre' | 'pre-wrap';

/**
 * The original's per-node result (`ignore`, `stripAtStart`, `remove`) as bits, and its state
 * (`whitespace`, `before`, `after`) as arguments: it spread a new state object for every node,
 * which made this pass allocate more than the tree it walks.
 */
const IGNORE = 1;
const STRIP_AT_START = 2;
const REMOVE = 4;

export function minifyWhitespace(tree: Root | Element): void {
  minify(tree, 'normal', undefined, undefined);
}

const isElement = (node: Nodes | undefined): node is Element => node !== undefined && node.type === 'element' && typeof node.tagName === 'string';
const ignorableNode = (node: Nodes): boolean => node.type === 'comment' || node.type === 'doctype';
const blocklike = (node: Nodes | undefined): boolean => isElement(node) && BLOCKS.has(node.tagName);
const content = (node: Nodes | undefined): boolean => isElement(node) && (EMBEDDED.has(node.tagName) || CONTENTS.has(node.tagName));
const skippable = (node: Nodes): boolean => (node.type === 'element' && Boolean(node.properties.hidden)) || ignorableNode(node) || (isElement(node) && SKIPPABLES.has(node.tagName));
const removable = (character: string): boolean => character === ' ' || character === '\n';
/** Runs of whitespace become one space (a string without line ends, tabs or double spaces is unchanged). */
const collapse = (value: string): string => (/[\t\n\v\f\r]| {2}/.test(value) ? value.replace(/[\t\n\v\f\r ]+/g, ' ') : value);
const isWhitespace = (value: string): boolean => /^[ \t\n\f\r]*$/.test(value);

function minify(node: Nodes, whitespace: Whitespace, before: boolean | undefined, after: boolean | undefined): number {
  if ('children' in node) {
    const block = node.type === 'root' || blocklike(node);
    return all(node, inferWhiteSpace(node, whitespace), block ? true : before, block ? true : after);
  }
  if (node.type === 'text') {
    if (whitespace === 'normal') return minifyText(node, before, after);
    // Naïve collapse, but no trimming; `pre` and `pre-wrap` are left alone.
    if (whitespace === 'nowrap') node.value = collapse(node.value);
  }
  return ignorableNode(node) ? IGNORE : 0;
}

function minifyText(node: Text, before: boolean | undefined, after: boolean | undefined): number {
  const value = collapse(node.value);
  let result = 0;
  let start = 0;
  let end = value.length;
  if (before && removable(value.charAt(0))) start++;
  if (start !== end && removable(value.charAt(end - 1))) {
    if (after) end--;
    else result |= STRIP_AT_START;
  }
  if (start === end) result |= REMOVE;
  else node.value = value.slice(start, end);
  return result;
}

function all(parent: Parents, whitespace: Whitespace, before: boolean | undefined, after: boolean | undefined): number {
  const children = parent.children as RootContent[];
  let length = children.length;
  let index = -1;
  while (++index < length) {
    const result = minify(children[index]!, whitespace, before, collapsableAfter(children, index, after));
    if (result & REMOVE) {
      children.splice(index, 1);
      index--;
      length--;
    } else if (!(result & IGNORE)) {
      before = (result & STRIP_AT_START) !== 0;
    }
    // An element that contributes content (`<select>`, `<img>`) allows whitespace again. (After a
    // removal this looks at the previous child, as the original does.)
    if (content(children[index])) before = false;
  }
  return before || after ? STRIP_AT_START : 0;
}

function collapsableAfter(nodes: RootContent[], index: number, after?: boolean): boolean | undefined {
  while (++index < nodes.length) {
    const node = nodes[index]!;
    let result = inferBoundary(node);
    if (result === undefined && 'children' in node && !skippable(node)) result = collapsableAfter(node.children, -1);
    if (typeof result === 'boolean') return result;
  }
  return after;
}

function inferBoundary(node: Nodes): boolean | undefined {
  if (node.type === 'element') {
    if (content(node)) return false;
    if (blocklike(node)) return true;
    // Unknown: depends on siblings or children.
  } else if (node.type === 'text') {
    if (!isWhitespace(node.value)) return false;
  } else if (!ignorableNode(node)) {
    return false;
  }
  return undefined;
}

function inferWhiteSpace(node: Parents, inherited: Whitespace): Whitespace {
  if ('tagName' in node && node.properties) {
    switch (node.tagName) {
      case 'listing':
      case 'plaintext':
      case 'script':
      case 'style':
      case 'xmp':
        return 'pre';
      case 'nobr':
        return 'nowrap';
      case 'pre':
        return node.properties.wrap ? 'pre-wrap' : 'pre';
      case 'td':
      case 'th':
        return node.properties.noWrap ? 'nowrap' : inherited;
      case 'textarea':
        return 'pre-wrap';
      default:
    }
  }
  return inherited;
}
