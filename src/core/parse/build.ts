/** The one builder from mdast to the step model, shared by both front ends. */
import type { BlockContent, Code, DefinitionContent, Heading, Nodes as MdastNodes, Paragraph, Root, RootContent } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import type { AsideVariant, CodeStep, Guide, Inline, Section, SourceFormat, Span, Step } from '../model.ts';
import { classifyGuide } from '../classify.ts';
import type { CodeData } from './code-data.ts';

export interface BuildContext {
  file: string;
  locale: string;
  format: SourceFormat;
  frontMatter: Record<string, unknown>;
}

const ASIDE_NAMES = new Set<AsideVariant>(['note', 'tip', 'caution', 'danger']);

export function buildGuide(tree: Root, context: BuildContext): Guide {
  const sections: Section[] = [];
  let current: Section = { depth: 0, anchor: null, title: [], titleText: '', position: null, steps: [] };
  for (const node of tree.children) {
    if (node.type === 'heading') {
      if (current.depth > 0 || current.steps.length > 0) sections.push(current);
      current = sectionOf(node);
      continue;
    }
    for (const step of flowSteps([node])) current.steps.push(step);
  }
  if (current.depth > 0 || current.steps.length > 0) sections.push(current);

  const fm = context.frontMatter;
  const id = guideIdOf(fm, context.file);
  const firstHeading = sections.find((s) => s.depth > 0);
  const guide: Guide = {
    id,
    locale: context.locale,
    title: typeof fm.title === 'string' ? fm.title : (firstHeading?.titleText ?? id),
    summary: typeof fm.summary === 'string' ? fm.summary.trim() : typeof fm.description === 'string' ? fm.description.trim() : null,
    frontMatter: fm,
    file: context.file,
    format: context.format,
    sections,
  };
  classifyGuide(guide);
  return guide;
}

export function guideIdOf(frontMatter: Record<string, unknown>, file: string): string {
  const raw = typeof frontMatter.id === 'string' && frontMatter.id.trim() !== '' ? frontMatter.id.trim() : (file.split(/[\\/]/).pop() ?? file);
  return raw.replace(/\.(md|mdx|markdown|html?|txt)$/i, '');
}

function sectionOf(heading: Heading): Section {
  const anchor = (heading.data as { id?: string } | undefined)?.id ?? null;
  return {
    depth: heading.depth,
    anchor,
    title: heading.children as Inline[],
    titleText: plainText(heading).trim(),
    position: spanOf(heading),
    steps: [],
  };
}

type FlowNode = RootContent | BlockContent | DefinitionContent | ContainerDirective;

const PHRASING_TYPES = new Set(['text', 'emphasis', 'strong', 'delete', 'inlineCode', 'break', 'link', 'linkReference', 'image', 'imageReference', 'html', 'footnoteReference', 'textDirective', 'inlineMath']);

/**
 * The steps of flow content. Phrasing found where blocks belong (HTML's `<ul><b>x</b><li>…`
 * leaves it at the start of the first list item) is read as the paragraph a browser shows, not dropped.
 */
function flowSteps(nodes: FlowNode[]): Step[] {
  const steps: Step[] = [];
  let run: Inline[] = [];
  const flush = (): void => {
    if (run.length === 0) return;
    const start = run[0]!.position?.start;
    const end = run.at(-1)!.position?.end;
    const paragraph = { type: 'paragraph', children: run } as Paragraph;
    if (start && end) paragraph.position = { start, end };
    for (const step of stepsOf(paragraph)) steps.push(step);
    run = [];
  };
  for (const node of nodes) {
    if (PHRASING_TYPES.has(node.type) && node.type !== 'html') {
      run.push(node as Inline);
      continue;
    }
    flush();
    for (const step of stepsOf(node)) steps.push(step);
  }
  flush();
  return steps;
}

function stepsOf(node: FlowNode): Step[] {
  switch (node.type) {
    case 'paragraph': {
      const text = plainText(node).trim();
      const hasMedia = node.children.some((child) => child.type === 'image' || child.type === 'imageReference');
      if (text === '' && !hasMedia) return [];
      return [{ kind: 'prose', content: node.children as Inline[], text, position: spanOf(node) }];
    }
    case 'list':
      return [
        {
          kind: 'list',
          ordered: node.ordered === true,
          items: node.children.map((item) => flowSteps(item.children as FlowNode[])),
          position: spanOf(node),
        },
      ];
    case 'code':
      return [codeStepOf(node)];
    case 'table':
      return [{ kind: 'table', rows: node.children.map((row) => row.children.map((cell) => cell.children as Inline[])), position: spanOf(node) }];
    case 'containerDirective': {
      const children = flowSteps(node.children as FlowNode[]);
      if (ASIDE_NAMES.has(node.name as AsideVariant)) {
        return [{ kind: 'aside', variant: node.name as AsideVariant, steps: children, position: spanOf(node) }];
      }
      return children;
    }
    case 'blockquote':
      return flowSteps(node.children as FlowNode[]);
    case 'heading':
      return [{ kind: 'other', type: 'heading', text: plainText(node), position: spanOf(node) }];
    case 'html':
      return node.value.trim() === '' ? [] : [{ kind: 'other', type: 'html', text: node.value, position: spanOf(node) }];
    case 'thematicBreak':
      return [{ kind: 'other', type: 'thematicBreak', text: '', position: spanOf(node) }];
    case 'definition':
    case 'footnoteDefinition':
    case 'yaml':
      return [];
    default:
      return [];
  }
}

function codeStepOf(node: Code): CodeStep {
  const data = (node.data as { polyguide?: CodeData } | undefined)?.polyguide ?? { segments: [], lines: [] };
  const position = spanOf(node);
  return {
    kind: 'code',
    lang: node.lang ?? null,
    language: 'other',
    role: 'snippet',
    fileName: null,
    fileNameSource: null,
    text: node.value,
    // Read through: a front end may find them only when they are first asked for (codeDataOnDemand).
    get lines() {
      return data.lines;
    },
    get segments() {
      return data.segments;
    },
    meta: node.meta ?? null,
    position,
  };
}

function spanOf(node: { position?: { start: { line: number; column: number }; end: { line: number; column: number } } }): Span | null {
  const p = node.position;
  if (!p) return null;
  return { start: { line: p.start.line, column: p.start.column }, end: { line: p.end.line, column: p.end.column } };
}

/**
 * The plain text of a node, as mdast-util-to-string gives it (values, image alternative texts,
 * children), but a line break is one: `Deploy Milvus<br>on a cluster` is not "Milvuson".
 */
function plainText(node: MdastNodes): string {
  if (node.type === 'break') return '\n';
  if ('value' in node) return node.value;
  if ('alt' in node && node.alt) return node.alt;
  if ('children' in node) {
    let text = '';
    for (const child of node.children as MdastNodes[]) text += plainText(child);
    return text;
  }
  return '';
}
