/**
 * Links and images whose URL would run code when followed (`javascript:`, `vbscript:`, `data:`
 * documents) never reach the model or the imported Markdown: a link keeps its text and loses its
 * target, an image becomes its alt text. Both front ends run this on their mdast, so a hostile page
 * and its Markdown give the same, inert guide.
 */
import type { Nodes, Parents, Root, Text } from 'mdast';

/** What a browser would see as the scheme: it ignores ASCII whitespace and control characters. */
function schemeOf(url: string): string | null {
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/[\u0000-\u0020\u007f]+/g, '').toLowerCase();
  const match = /^([a-z][a-z0-9+.-]*):/.exec(cleaned);
  return match ? match[1]! : null;
}

const UNSAFE_LINK_SCHEMES = new Set(['javascript', 'vbscript', 'data', 'livescript']);
const UNSAFE_IMAGE_SCHEMES = new Set(['javascript', 'vbscript', 'livescript']);

/** URLs that start this way have no scheme or a safe one, whatever follows (most links of a page). */
const PLAINLY_SAFE = /^(?:https?:|[#/.?])/;

export function isUnsafeUrl(url: string, kind: 'link' | 'image' = 'link'): boolean {
  if (PLAINLY_SAFE.test(url)) return false;
  const scheme = schemeOf(url);
  if (scheme === null) return false;
  return (kind === 'link' ? UNSAFE_LINK_SCHEMES : UNSAFE_IMAGE_SCHEMES).has(scheme);
}

/** Replace unsafe links by their content, unsafe images by their alt text, unsafe definitions by `#`. */
export function neutralizeUnsafeUrls(tree: Root): number {
  let count = 0;
  const walk = (parent: Parents): void => {
    const children = parent.children as Nodes[];
    for (let index = 0; index < children.length; index++) {
      const node = children[index]!;
      if (node.type === 'link' && isUnsafeUrl(node.url)) {
        count++;
        // Not `splice(index, 1, ...node.children)`: a spread of a hundred thousand children would
        // overflow the call stack.
        const unwrapped = children.slice(0, index).concat(node.children as Nodes[], children.slice(index + 1));
        children.length = 0;
        for (const child of unwrapped) children.push(child);
        index--;
        continue;
      }
      if (node.type === 'image' && isUnsafeUrl(node.url, 'image')) {
        count++;
        const alt: Text = { type: 'text', value: node.alt ?? '' };
        if (node.position) alt.position = node.position;
        if (alt.value === '') children.splice(index--, 1);
        else children.splice(index, 1, alt);
        continue;
      }
      if (node.type === 'definition' && isUnsafeUrl(node.url)) {
        count++;
        node.url = '#';
      }
      if ('children' in node) walk(node);
    }
  };
  walk(tree);
  if (count > 0) mergeAdjacentText(tree);
  return count;
}

/** Adjacent text nodes (left behind by unwrapping) become one, as both parsers would have made them. */
export function mergeAdjacentText(node: Nodes): void {
  if (!('children' in node)) return;
  const children = node.children as Nodes[];
  mergeTextSiblings(children);
  for (const child of children) mergeAdjacentText(child);
}

/** Adjacent text nodes among one parent's children become one (not descending). */
export function mergeTextSiblings(children: Nodes[]): void {
  for (let i = children.length - 1; i > 0; i--) {
    const a = children[i - 1]!;
    const b = children[i]!;
    if (a.type === 'text' && b.type === 'text') {
      a.value += b.value;
      if (a.position && b.position) a.position = { start: a.position.start, end: b.position.end };
      children.splice(i, 1);
    }
  }
}
