/**
 * Front end for Milvus-rendered pages: YAML front matter, then HTML whose code blocks carry
 * highlight.js spans, entities and copy buttons.
 *
 * The HTML becomes mdast (hast-util-to-mdast) with our handlers for what the model cares about:
 * code blocks (text exactly as a reader copies it, with a map back to the source), headings (their
 * anchor ids) and alert boxes (asides). The shared builder then makes the step model, so this page
 * and its imported Markdown give the same guide.
 */
import type { Element, ElementContent, Root as HastRoot, Text as HastText } from 'hast';
import type { Code, ContainerDirective } from 'mdast-util-directive';
import type { Heading, Nodes as MdastNodes, Root as MdastRoot, RootContent } from 'mdast';
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { defaultHandlers, toMdast, type State } from 'hast-util-to-mdast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { location } from 'vfile-location';
import { VFile } from 'vfile';
import type { Segment } from '../model.ts';
import { lineStarts } from '../positions.ts';
import type { AsideVariant } from '../model.ts';

/** Where the Milvus site lives: its relative `/docs/…` links are made absolute against it. */
export const MILVUS_SITE = 'https://milvus.io';

export interface CodeData {
  segments: Segment[];
}

const htmlParser = unified().use(rehypeParse, { fragment: true });

/** Parse the body of a Milvus page (front matter already blanked out) into mdast. */
export function milvusHtmlToMdast(maskedText: string, path: string): { tree: MdastRoot; warnings: Array<{ reason: string; line: number; column: number; ruleId: string }> } {
  const file = new VFile({ path, value: maskedText });
  const hast = htmlParser.parse(file) as HastRoot;
  const toPoint = location(maskedText).toPoint;
  const warnings: Array<{ reason: string; line: number; column: number; ruleId: string }> = [];

  prepare(hast, maskedText, toPoint, warnings);
  const tree = toMdast(hast, {
    handlers: {
      pre: handlePre,
      h1: handleHeading,
      h2: handleHeading,
      h3: handleHeading,
      h4: handleHeading,
      h5: handleHeading,
      h6: handleHeading,
      div: handleDiv,
      a: handleLink,
    },
  }) as MdastRoot;
  return { tree, warnings };
}

type ToPoint = (offset: number) => { line: number; column: number; offset: number } | undefined;

/** Strip page chrome and compute each code block's text before any whitespace handling runs. */
function prepare(node: HastRoot | Element, source: string, toPoint: ToPoint, warnings: Array<{ reason: string; line: number; column: number; ruleId: string }>): void {
  node.children = node.children.filter((child) => !(child.type === 'element' && isChrome(child)));
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === 'pre') {
      const code = child.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code') ?? child;
      const info = extractCode(code, source, toPoint);
      child.data = { ...(child.data ?? {}), polyguideCode: { ...info, lang: languageOf(code) ?? languageOf(child) } } as Element['data'];
      if (!hasClosingTag(source, child)) {
        const start = child.position?.start ?? { line: 1, column: 1 };
        warnings.push({ reason: 'Unexpected end of file inside a code block, expected `</code></pre>`', line: start.line, column: start.column, ruleId: 'source/unclosed-code' });
      }
      continue;
    }
    prepare(child, source, toPoint, warnings);
  }
}

function isChrome(element: Element): boolean {
  if (element.tagName === 'svg' || element.tagName === 'script' || element.tagName === 'style') return true;
  if (element.tagName !== 'button') return false;
  const classes = classList(element);
  return classes.includes('anchor-icon') || classes.includes('copy-code-btn');
}

function hasClosingTag(source: string, pre: Element): boolean {
  const end = pre.position?.end?.offset;
  if (end === undefined) return true;
  return /<\/pre\s*>$/i.test(source.slice(Math.max(0, end - 12), end));
}

interface ExtractedCode {
  text: string;
  segments: Segment[];
}

function extractCode(code: Element, source: string, toPoint: ToPoint): ExtractedCode {
  let text = '';
  const segments: Segment[] = [];
  const visit = (nodes: ElementContent[]): void => {
    for (const node of nodes) {
      if (node.type === 'text') {
        mapText(node, text.length, source, toPoint, segments);
        text += node.value;
      } else if (node.type === 'element') {
        if (node.tagName === 'button' || node.tagName === 'svg') continue;
        if (node.tagName === 'br') {
          text += '\n';
          continue;
        }
        visit(node.children);
      }
    }
  };
  visit(code.children);
  // The copy button sits on its own line after the code; that newline is not part of what is copied.
  if (text.endsWith('\n')) text = text.slice(0, -1);
  return { text, segments };
}

/** Map a text node's decoded characters back to source columns, stepping over entities. */
function mapText(node: HastText, codeOffset: number, source: string, toPoint: ToPoint, segments: Segment[]): void {
  const start = node.position?.start?.offset;
  const end = node.position?.end?.offset;
  if (start === undefined || end === undefined) return;
  const raw = source.slice(start, end);
  const value = node.value;
  const push = (decoded: number, rawIndex: number): void => {
    const point = toPoint(start + rawIndex);
    if (point) segments.push([codeOffset + decoded, point.line, point.column]);
  };
  push(0, 0);
  let r = 0;
  let d = 0;
  while (r < raw.length && d < value.length) {
    if (raw[r] === '&') {
      const entity = decodeEntityAt(raw, r);
      if (entity && value.startsWith(entity.value, d)) {
        r += entity.length;
        d += entity.value.length;
        push(d, r);
        continue;
      }
    }
    if (raw[r] !== value[d]) {
      push(d, r);
    }
    if (value[d] === '\n') {
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
  const value = element.properties?.className;
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
}

function languageOf(element: Element): string | null {
  for (const name of classList(element)) if (name.startsWith('language-')) return name.slice('language-'.length);
  return null;
}

function handlePre(state: State, node: Element): Code {
  const info = (node.data as { polyguideCode?: ExtractedCode & { lang: string | null } } | undefined)?.polyguideCode;
  const text = info?.text ?? '';
  const result: Code = {
    type: 'code',
    lang: info?.lang ?? null,
    meta: null,
    value: text,
    data: { polyguide: { segments: info?.segments ?? [] } } as Code['data'],
  };
  state.patch(node, result);
  if (result.position && info) {
    (result.data as { polyguide: { lines?: unknown } }).polyguide.lines = lineStarts(text, info.segments, result.position.start);
  }
  return result;
}

function handleHeading(state: State, node: Element): Heading {
  const heading = defaultHandlers[node.tagName as 'h1'](state, node) as Heading;
  const id = node.properties?.id;
  if (typeof id === 'string' && id !== '') heading.data = { ...(heading.data ?? {}), id } as Heading['data'];
  return heading;
}

const ASIDE_CLASSES: Record<string, AsideVariant> = {
  note: 'note',
  notes: 'note',
  info: 'note',
  tip: 'tip',
  warning: 'caution',
  caution: 'caution',
  danger: 'danger',
};

function handleDiv(state: State, node: Element): MdastNodes | MdastNodes[] | undefined {
  const classes = classList(node);
  const isAlert = classes.some((name) => name === 'alert' || name === 'alter' || name === 'admonition');
  if (!isAlert) return defaultHandlers.div(state, node);
  const variant = classes.map((name) => ASIDE_CLASSES[name]).find(Boolean) ?? 'note';
  const aside: ContainerDirective = {
    type: 'containerDirective',
    name: variant,
    attributes: {},
    children: state.toFlow(state.all(node)) as ContainerDirective['children'],
  };
  state.patch(node, aside as unknown as RootContent);
  return aside as unknown as MdastNodes;
}

function handleLink(state: State, node: Element): MdastNodes | MdastNodes[] | undefined {
  const href = node.properties?.href;
  if (typeof href === 'string' && href.startsWith('/docs/')) {
    node = { ...node, properties: { ...node.properties, href: MILVUS_SITE + href } };
  }
  return defaultHandlers.a(state, node);
}
