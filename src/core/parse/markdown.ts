/**
 * Front end for Markdown guides: CommonMark + GFM + directives (Starlight's `:::note` asides),
 * headings with `{#anchor}` ids.
 */
import type { Code, Heading, Root, Text } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit, SKIP } from 'unist-util-visit';
import type { Point, Segment } from '../model.ts';

const markdownParser = unified().use(remarkParse).use(remarkGfm).use(remarkDirective);

export interface MarkdownWarning {
  reason: string;
  line: number;
  column: number;
  ruleId: string;
}

/** Parse Markdown (front matter already blanked out) into mdast with anchors and code maps. */
export function markdownToMdast(maskedText: string): { tree: Root; warnings: MarkdownWarning[] } {
  const tree = markdownParser.parse(maskedText) as Root;
  const warnings: MarkdownWarning[] = [];
  restoreTextDirectives(tree, maskedText);
  takeHeadingIds(tree);
  const lines = maskedText.split('\n');
  visit(tree, 'code', (node: Code) => {
    mapFencedCode(node, lines, warnings);
  });
  return { tree, warnings };
}

/** `## Title {#Anchor-Id}` sets the heading's anchor, as Milvus's `<h2 id>` does. */
export function takeHeadingIds(tree: Root): void {
  visit(tree, 'heading', (heading: Heading) => {
    const last = heading.children.at(-1);
    if (!last || last.type !== 'text') return;
    const match = /\s*\{#([^\s{}]+)\}\s*$/.exec(last.value);
    if (!match) return;
    last.value = last.value.slice(0, match.index);
    if (last.value === '') heading.children.pop();
    heading.data = { ...(heading.data ?? {}), id: match[1] } as Heading['data'];
    const hProperties = ((heading.data as { hProperties?: Record<string, unknown> }).hProperties ??= {});
    hProperties.id = match[1];
  });
}

/**
 * remark-directive reads `:name` inside prose (a time like 10:30, `host:port`) as a directive.
 * Only container asides are ours; everything else goes back to the text it was, as Starlight does.
 */
export function restoreTextDirectives(tree: Root, source: string): void {
  visit(tree, (node, index, parent) => {
    if ((node.type !== 'textDirective' && node.type !== 'leafDirective') || !parent || index === undefined) return;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    const value = start !== undefined && end !== undefined ? source.slice(start, end) : `:${node.name}`;
    const replacement: Text = { type: 'text', value, position: node.position };
    if (node.type === 'leafDirective') {
      parent.children.splice(index, 1, { type: 'paragraph', children: [replacement], position: node.position } as never);
    } else {
      parent.children.splice(index, 1, replacement as never);
    }
    return [SKIP, index];
  });
  // Adjacent text nodes are merged so prose compares equal to its HTML twin.
  visit(tree, (node) => {
    if (!('children' in node)) return;
    const children = node.children as Array<{ type: string; value?: string; position?: Text['position'] }>;
    for (let i = children.length - 1; i > 0; i--) {
      const a = children[i - 1]!;
      const b = children[i]!;
      if (a.type === 'text' && b.type === 'text') {
        a.value = (a.value ?? '') + (b.value ?? '');
        if (a.position && b.position) a.position = { start: a.position.start, end: b.position.end };
        children.splice(i, 1);
      }
    }
  });
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
  const fenceMatch = /^(\s*)(`{3,}|~{3,})/.exec(openLine);
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
    const closed = position.end.line > position.start.line && new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(closeLine);
    if (!closed) {
      warnings.push({
        reason: `Unexpected end of file in code block, expected a closing \`${fence}\``,
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
  node.data = { ...(node.data ?? {}), polyguide: { segments, lines: points } } as Code['data'];
}
