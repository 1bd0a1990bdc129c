/**
 * hast-util-to-mdast's driver (10.1.3, MIT, © Titus Wormer), ported for speed: the conversion
 * state, its `wrap` (phrasing runs into paragraphs) and the two handlers built on it (`root`,
 * `li`). Every other element goes to the library's own handlers, or the caller's.
 *
 * What the library does per page and this port does not:
 * - copy the input (structuredClone) and minify its whitespace: the caller owns the tree and has
 *   minified it already (whitespace.ts);
 * - merge its handler tables into a new object: here the caller's table is built once;
 * - test node kinds with unist-util-is and hast-util-phrasing predicates, which try a list of
 *   tests one by one: here they are set lookups;
 * - validate each position through unist-util-position's helpers: here one function does it.
 *
 * The result is the library's, node for node and key for key: the corpus suite compares this
 * path with `toMdast` on every page (milvus-html.ts, `libraryWhitespace`).
 */
import type { Element, Nodes as HastNodes, Parents as HastParents, Root as HastRoot } from 'hast';
import type { BlockContent, DefinitionContent, ListItem, Nodes as MdastNodes, Parents as MdastParents, Root as MdastRoot, RootContent } from 'mdast';
import { defaultHandlers, defaultNodeHandlers, type Handle, type NodeHandle, type State } from 'hast-util-to-mdast';

type FlowContent = BlockContent | DefinitionContent;

/** Handlers by tag name, without a prototype, so that `<constructor>` is an unknown element. */
export type HandlerTable = Readonly<Record<string, Handle>>;

/**
 * The library's handlers with `overrides` on top, as a table to build once and pass to
 * `convertHast` (per-page handlers can be layered over it with `Object.create(table)`).
 */
export function handlerTable(overrides: Record<string, Handle>): HandlerTable {
  return Object.assign(Object.create(null) as Record<string, Handle>, defaultHandlers, { li: listItem }, overrides);
}

const NODE_HANDLERS: Readonly<Record<string, NodeHandle>> = Object.assign(Object.create(null) as Record<string, NodeHandle>, defaultNodeHandlers, { root });

/**
 * Convert a hast tree whose whitespace is minified (as hast-util-to-mdast's `toMdast` does after
 * copying and minifying it). `elementById` is the library's map of elements by id, first one wins.
 */
export function convertHast(tree: HastRoot, handlers: HandlerTable, elementById: Map<string, Element>): MdastRoot {
  const state = new ConversionState(handlers, elementById);
  const result = state.one(tree, undefined);
  if (!result) return { type: 'root', children: [] };
  if (Array.isArray(result)) return { type: 'root', children: result as RootContent[] };
  return result as MdastRoot;
}

class ConversionState implements State {
  baseFound = false;
  frozenBaseUrl: string | undefined = undefined;
  inTable = false;
  qNesting = 0;
  readonly options = {};
  readonly nodeHandlers = NODE_HANDLERS as Record<string, NodeHandle>;
  readonly handlers: Record<string, Handle>;
  readonly elementById: Map<string, Element>;

  constructor(handlers: HandlerTable, elementById: Map<string, Element>) {
    this.handlers = handlers as Record<string, Handle>;
    this.elementById = elementById;
  }

  all(parent: HastParents): RootContent[] {
    const children = parent.children;
    const results: RootContent[] = [];
    for (let index = 0; index < children.length; index++) {
      const result = this.one(children[index]!, parent);
      if (Array.isArray(result)) {
        for (const node of result) results.push(node as RootContent);
      } else if (result) {
        results.push(result as RootContent);
      }
    }
    return results;
  }

  one(node: HastNodes, parent: HastParents | undefined): MdastNodes | MdastNodes[] | undefined {
    if (node.type === 'element') {
      if (node.properties && node.properties.dataMdast === 'ignore') return undefined;
      const handle = this.handlers[node.tagName];
      if (handle) return handle(this, node, parent) || undefined;
    } else {
      const handle = this.nodeHandlers[node.type];
      if (handle) return handle(this, node, parent) || undefined;
    }
    // Unknown literal.
    if ('value' in node && typeof node.value === 'string') {
      const result: MdastNodes = { type: 'text', value: node.value };
      this.patch(node, result);
      return result;
    }
    // Unknown parent.
    if ('children' in node) return this.all(node);
    return undefined;
  }

  patch(origin: HastNodes, node: MdastNodes): undefined {
    const position = origin.position;
    if (position) {
      const start = pointOf(position.start);
      const end = pointOf(position.end);
      node.position = start && end ? { start, end } : undefined;
    }
    return undefined;
  }

  resolve(url: string | null | undefined): string {
    if (url === null || url === undefined) return '';
    return this.frozenBaseUrl ? new URL(url, this.frozenBaseUrl).href : url;
  }

  toFlow(nodes: RootContent[]): FlowContent[] {
    return wrap(nodes) as FlowContent[];
  }

  toSpecificContent<ChildType extends MdastNodes, ParentType extends MdastParents & { children: ChildType[] }>(nodes: RootContent[], build: () => ParentType): ParentType[] {
    return toSpecificContent(nodes, build);
  }
}

/**
 * The library's `toSpecificContent`: nodes of the wanted type stay; each run of others goes to the
 * start of the next such node, the last run to the end of the last one (a new one when there is
 * none). The direct reader (direct-reader.ts) uses it too.
 */
export function toSpecificContent<ChildType extends MdastNodes, ParentType extends MdastParents & { children: ChildType[] }>(nodes: RootContent[], build: () => ParentType): ParentType[] {
  const type = build().type;
  const results: ParentType[] = [];
  let queue: ChildType[] = [];
  for (const node of nodes) {
    if (node.type === type) {
      const parent = node as unknown as ParentType;
      // Not `unshift(...queue)` as in the library: a spread of a hundred thousand stray nodes
      // overflows the call stack.
      if (queue.length > 0) {
        parent.children = queue.concat(parent.children) as ParentType['children'];
        queue = [];
      }
      results.push(parent);
    } else {
      queue.push(node as unknown as ChildType);
    }
  }
  if (queue.length > 0) {
    let last = results.at(-1);
    if (!last) {
      last = build();
      results.push(last);
    }
    for (const node of queue) last.children.push(node);
  }
  return results;
}

interface LoosePoint {
  line?: unknown;
  column?: unknown;
  offset?: unknown;
}

/** unist-util-position's point: a copy when line and column are positive numbers. */
function pointOf(point: LoosePoint | undefined): { line: number; column: number; offset: number | undefined } | undefined {
  if (!point || typeof point.line !== 'number' || point.line <= 0 || typeof point.column !== 'number' || point.column <= 0) return undefined;
  return { line: point.line, column: point.column, offset: typeof point.offset === 'number' && point.offset > -1 ? point.offset : undefined };
}

function root(state: State, node: HastRoot): MdastRoot {
  let children = state.all(node);
  if (wrapNeeded(children)) children = wrap(children) as RootContent[];
  const result: MdastRoot = { type: 'root', children };
  state.patch(node, result);
  return result;
}

function listItem(state: State, node: Element): ListItem | undefined {
  // A leading checkbox (a task list item) is the library's case.
  const head = node.children[0];
  if (head?.type === 'element' && (head.tagName === 'input' || head.tagName === 'p')) return defaultHandlers.li(state, node) as ListItem | undefined;
  const spread = spreadOut(node);
  if (spread === undefined) return defaultHandlers.li(state, node) as ListItem | undefined;
  const result: ListItem = { type: 'listItem', spread, checked: null, children: state.toFlow(state.all(node)) };
  state.patch(node, result);
  return result;
}

/**
 * The library's `spreadout`: does the item hold a paragraph, or two flow elements? Undefined when
 * it meets `<link>` or `<meta>`, whose phrasing depends on their attributes (the library decides).
 */
function spreadOut(node: Element): boolean | undefined {
  let seenFlow = false;
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    const tag = child.tagName;
    if (tag === 'link' || tag === 'meta') return undefined;
    if (HAST_PHRASING.has(tag)) continue;
    if (tag === 'p' || seenFlow) return true;
    const inner = spreadOut(child);
    if (inner !== false) return inner;
    seenFlow = true;
  }
  return false;
}

/** hast-util-phrasing's elements that are phrasing whatever their attributes (its `basic` and hast-util-embedded's). */
export const HAST_PHRASING: ReadonlySet<string> = new Set([
  'a', 'abbr', 'area', 'b', 'bdi', 'bdo', 'br', 'button', 'cite', 'code', 'data', 'datalist', 'del', 'dfn', 'em', 'i', 'input', 'ins', 'kbd', 'keygen', 'label', 'map', 'mark', 'meter', 'noscript', 'output', 'progress', 'q', 'ruby', 's', 'samp', 'script', 'select', 'small', 'span', 'strong', 'sub', 'sup', 'template', 'textarea', 'time', 'u', 'var', 'wbr',
  'audio', 'canvas', 'embed', 'iframe', 'img', 'math', 'object', 'picture', 'svg', 'video',
]);
/** mdast-util-phrasing's node types. */
const MDAST_PHRASING = new Set(['break', 'delete', 'emphasis', 'footnote', 'footnoteReference', 'image', 'imageReference', 'inlineCode', 'inlineMath', 'link', 'linkReference', 'mdxJsxTextElement', 'mdxTextExpression', 'strong', 'text', 'textDirective']);

function isPhrasing(node: MdastNodes): boolean {
  const tagName = (node.data as { hName?: unknown } | undefined)?.hName;
  // An mdast node that becomes a given element is phrasing when that element (without attributes) is.
  return tagName ? HAST_PHRASING.has(tagName as string) : MDAST_PHRASING.has(node.type);
}

/** Whether `nodes` hold flow content, at any depth (the library's `wrapNeeded`). */
export function wrapNeeded(nodes: MdastNodes[]): boolean {
  for (const node of nodes) {
    if (!isPhrasing(node) || ('children' in node && wrapNeeded(node.children as MdastNodes[]))) return true;
  }
  return false;
}

/** Runs of phrasing become paragraphs (runs of white space vanish); flow content stays. */
export function wrap(nodes: MdastNodes[]): MdastNodes[] {
  return runs(nodes, paragraphOf, (node) => node);
}

function paragraphOf(nodes: MdastNodes[]): MdastNodes[] {
  for (const node of nodes) {
    if (node.type !== 'text' || !isWhitespace(node.value)) return [{ type: 'paragraph', children: dropSurroundingBreaks(nodes) as never }];
  }
  return [];
}

function isWhitespace(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code !== 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13) return false;
  }
  return true;
}

export function dropSurroundingBreaks(nodes: MdastNodes[]): MdastNodes[] {
  let start = 0;
  let end = nodes.length;
  while (start < end && nodes[start]!.type === 'break') start++;
  while (end > start && nodes[end - 1]!.type === 'break') end--;
  return start === 0 && end === nodes.length ? nodes : nodes.slice(start, end);
}

function runs(nodes: MdastNodes[], onPhrasing: (nodes: MdastNodes[]) => MdastNodes[], onFlow: (node: MdastNodes) => MdastNodes): MdastNodes[] {
  const result: MdastNodes[] = [];
  let queue: MdastNodes[] = [];
  const take = (node: MdastNodes): void => {
    if (isPhrasing(node)) {
      queue.push(node);
      return;
    }
    if (queue.length > 0) {
      for (const part of onPhrasing(queue)) result.push(part);
      queue = [];
    }
    result.push(onFlow(node));
  };
  for (const node of nodes) {
    // A link (or deletion) around flow content is split around that content.
    if ((node.type === 'delete' || node.type === 'link') && wrapNeeded(node.children)) {
      for (const part of split(node)) take(part);
    } else {
      take(node);
    }
  }
  if (queue.length > 0) for (const part of onPhrasing(queue)) result.push(part);
  return result;
}

function split(node: MdastNodes & { children: MdastNodes[] }): MdastNodes[] {
  return runs(
    node.children,
    (nodes) => {
      const parent = cloneWithoutChildren(node);
      parent.children = nodes;
      return [parent];
    },
    (child) => {
      if ('children' in child) {
        const parent = cloneWithoutChildren(node);
        const outer = cloneWithoutChildren(child as MdastNodes & { children: MdastNodes[] });
        parent.children = child.children as MdastNodes[];
        outer.children.push(parent);
        return outer;
      }
      return { ...child };
    },
  );
}

function cloneWithoutChildren<T extends MdastNodes & { children: MdastNodes[] }>(node: T): T {
  return structuredClone({ ...node, children: [] });
}
