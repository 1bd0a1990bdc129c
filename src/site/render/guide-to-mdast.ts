/**
 * The step model as the Markdown the site renders: the one place where a parsed guide becomes a
 * page. Sections become headings that keep their source anchor (`{#Prepare-TLS-certificates}`),
 * the steps of a section with code become numbered steps, asides stay Starlight asides, and every
 * code block carries its role and the guard's verdict.
 *
 * Why Markdown and not HTML: the page goes through the site's Markdown processor (the loader
 * context's `renderMarkdown`), so Expressive Code, Starlight's asides and heading links and Astro's
 * heading collection (for the table of contents) all run exactly as on any Starlight page, with
 * their assets. The site's own markup is written as `pg-*` directives, never as raw HTML: the remark
 * plugin in remark-polyguide.ts turns them into elements, and treats every raw HTML node that is
 * left as untrusted guide content to sanitize. Text goes through mdast-util-to-markdown, which
 * escapes it, so guide text can never turn into markup (or into a `pg-*` directive) on the way.
 */
import type { BlockContent, Code, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table, TableRow } from 'mdast';
import type { ContainerDirective, LeafDirective } from 'mdast-util-directive';
import { directiveToMarkdown } from 'mdast-util-directive';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown } from 'mdast-util-to-markdown';
import type { BlockVerdict, Diagnostic } from '../../check/types.ts';
import type { CodeStep, Guide, Section, Step } from '../../core/model.ts';
import { codeBlocks } from '../../core/walk.ts';
import type { SiteStrings } from '../i18n.ts';

export interface RenderOptions {
  strings: SiteStrings;
  /** The guard's verdicts for this guide file, by block index; empty when the guard has none. */
  verdicts: BlockVerdict[];
  /** How to show a diagnostic's file to a translator (e.g. content/ru/aws_layer7.md). */
  showPath: (file: string) => string;
  /** Whether the highlighter knows a language; unknown ones are shown as plain text. */
  knownLanguage?: (lang: string) => boolean;
}

export interface RenderedGuide {
  tree: Root;
  markdown: string;
  /** Blocks published as the reference locale's version, and blocks withheld. */
  replaced: number[];
  withheld: number[];
  steps: number;
}

type Block = BlockContent | ContainerDirective | LeafDirective;

export function guideToMarkdown(guide: Guide, options: RenderOptions): RenderedGuide {
  const rendered = guideToMdast(guide, options);
  const markdown = toMarkdown(rendered.tree, {
    bullet: '-',
    emphasis: '_',
    fences: true,
    listItemIndent: 'one',
    rule: '-',
    extensions: [gfmToMarkdown(), directiveToMarkdown()],
  });
  return { ...rendered, markdown };
}

export function guideToMdast(guide: Guide, options: RenderOptions): Omit<RenderedGuide, 'markdown'> {
  const indexOf = new Map<CodeStep, number>(codeBlocks(guide).map((block, index) => [block, index]));
  const verdictOf = new Map<number, BlockVerdict>(options.verdicts.map((verdict) => [verdict.index, verdict]));
  const state: State = { guide, options, indexOf, verdictOf, replaced: [], withheld: [], step: 0 };
  const children: RootContent[] = [];
  guide.sections.forEach((section, position) => {
    // The page title comes from the front matter; a leading level-1 heading would repeat it.
    const isTitle = section.depth === 1 && position === guide.sections.findIndex((s) => s.depth > 0);
    if (section.depth > 0 && !isTitle) children.push(headingOf(section));
    children.push(...sectionBody(section, state));
  });
  return { tree: { type: 'root', children }, replaced: state.replaced, withheld: state.withheld, steps: state.step };
}

interface State {
  guide: Guide;
  options: RenderOptions;
  indexOf: Map<CodeStep, number>;
  verdictOf: Map<number, BlockVerdict>;
  replaced: number[];
  withheld: number[];
  /** Steps numbered so far: numbering runs on across sections, so "step 7" names one step. */
  step: number;
}

function headingOf(section: Section): RootContent {
  const title = clonePhrasing(section.title);
  // `{#Anchor}` is the content's own syntax for ids; remark-polyguide applies it with the core's takeHeadingIds.
  if (section.anchor) title.push({ type: 'text', value: ` {#${section.anchor}}` });
  return { type: 'heading', depth: Math.min(6, Math.max(2, section.depth)) as 2 | 3 | 4 | 5 | 6, children: title };
}

/**
 * A section whose steps include code is a procedure: its steps are numbered. A step is a paragraph
 * (or list, or table) with the code blocks and asides that follow it, so "run this:" and its
 * command are one step. Sections without code (introductions, prerequisites) stay plain text.
 */
function sectionBody(section: Section, state: State): Block[] {
  const hasCode = section.steps.some((step) => containsCode(step));
  if (!hasCode) return section.steps.flatMap((step) => blocksOf(step, state));
  const groups: Step[][] = [];
  let current: Step[] = [];
  for (const step of section.steps) {
    const attaches =
      current.length > 0 &&
      (step.kind === 'code' || step.kind === 'aside' || ((step.kind === 'list' || step.kind === 'table') && !current.some((s) => s.kind === 'code')));
    if (!attaches && current.length > 0) {
      groups.push(current);
      current = [];
    }
    current.push(step);
  }
  if (current.length > 0) groups.push(current);
  const start = state.step + 1;
  const items: ContainerDirective[] = groups.map((group) => {
    state.step += 1;
    return directive('pg-step', { n: String(state.step) }, group.flatMap((step) => blocksOf(step, state)));
  });
  return [directive('pg-steps', { start: String(start) }, items)];
}

function containsCode(step: Step): boolean {
  if (step.kind === 'code') return true;
  if (step.kind === 'list') return step.items.some((item) => item.some(containsCode));
  if (step.kind === 'aside') return step.steps.some(containsCode);
  return false;
}

function blocksOf(step: Step, state: State): Block[] {
  switch (step.kind) {
    case 'prose':
      return [{ type: 'paragraph', children: clonePhrasing(step.content) }];
    case 'list': {
      const list: List = {
        type: 'list',
        ordered: step.ordered,
        spread: false,
        children: step.items.map((item): ListItem => ({ type: 'listItem', spread: false, children: item.flatMap((s) => blocksOf(s, state)) as ListItem['children'] })),
      };
      return [list];
    }
    case 'aside':
      return [{ type: 'containerDirective', name: step.variant, attributes: {}, children: step.steps.flatMap((s) => blocksOf(s, state)) as ContainerDirective['children'] }];
    case 'table': {
      const table: Table = {
        type: 'table',
        align: [],
        children: step.rows.map((row): TableRow => ({ type: 'tableRow', children: row.map((cell) => ({ type: 'tableCell', children: clonePhrasing(cell) })) })),
      };
      return [table];
    }
    case 'code':
      return codeBlocksOf(step, state);
    case 'other':
      if (step.type === 'html') return [{ type: 'html', value: step.text }];
      if (step.type === 'thematicBreak') return [{ type: 'thematicBreak' }];
      if (step.text.trim() === '') return [];
      if (step.type === 'heading') return [{ type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: step.text }] }] }];
      return [{ type: 'paragraph', children: [{ type: 'text', value: step.text }] }];
  }
}

/** A code block as published: as written with its verdict, or the reference version with a notice. */
function codeBlocksOf(block: CodeStep, state: State): Block[] {
  const index = state.indexOf.get(block) ?? -1;
  const verdict = state.verdictOf.get(index);
  const { strings } = state.options;
  if (verdict?.severity === 'error') {
    const errors = verdict.diagnostics.filter((d) => d.severity === 'error');
    const first = errors[0] ?? verdict.diagnostics[0];
    const fix: PhrasingContent[] = first
      ? [{ type: 'strong', children: [{ type: 'text', value: `${strings.fixAt}:` }] }, { type: 'text', value: ' ' }, { type: 'inlineCode', value: `${state.options.showPath(first.file)}:${first.line}` }]
      : [];
    const defects: List = {
      type: 'list',
      ordered: false,
      spread: false,
      children: errors.map((d) => ({ type: 'listItem', spread: false, children: [defectParagraph(d, state)] })),
    };
    if (verdict.replacement) {
      state.replaced.push(index);
      const notice = aside('caution', strings.replacedTitle, [
        { type: 'paragraph', children: [{ type: 'text', value: strings.replaced(state.guide.locale, verdict.replacement.locale) }] },
        ...(errors.length > 0 ? [defects] : []),
        ...(fix.length > 0 ? [{ type: 'paragraph', children: fix } as Paragraph] : []),
      ]);
      const code = codeNode(block, verdict.replacement.text, index, { source: verdict.replacement.locale }, state);
      return [directive('pg-replaced', { block: String(index), locale: verdict.replacement.locale }, [notice, code])];
    }
    state.withheld.push(index);
    const notice = aside('danger', strings.withheldTitle, [
      { type: 'paragraph', children: [{ type: 'text', value: strings.withheld(state.guide.locale) }] },
      ...(errors.length > 0 ? [defects] : []),
      ...(fix.length > 0 ? [{ type: 'paragraph', children: fix } as Paragraph] : []),
    ]);
    return [directive('pg-withheld', { block: String(index) }, [notice])];
  }
  const nodes: Block[] = [codeNode(block, block.text, index, {}, state)];
  if (verdict) nodes.push(badgeOf(verdict, index, state));
  return nodes;
}

function defectParagraph(diagnostic: Diagnostic, state: State): Paragraph {
  return {
    type: 'paragraph',
    children: [
      { type: 'inlineCode', value: diagnostic.rule },
      { type: 'text', value: ' ' },
      ...messagePhrasing(diagnostic.message),
      { type: 'text', value: ` (${state.options.showPath(diagnostic.file)}:${diagnostic.line}:${diagnostic.column})` },
    ],
  };
}

/** The guard writes code in messages between backticks: "Unexpected `a`, expected `b`". */
function messagePhrasing(message: string): PhrasingContent[] {
  return message
    .split(/`([^`]+)`/)
    .map((part, i): PhrasingContent => (i % 2 === 1 ? { type: 'inlineCode', value: part } : { type: 'text', value: part }))
    .filter((node) => node.type !== 'text' || node.value !== '');
}

/** "valid Ingress · same in de, pt, id": what the guard checked, and how the other locales compare. */
export function badgeText(verdict: BlockVerdict, strings: SiteStrings): string {
  const parts = [verdict.label];
  if (verdict.sameIn.length > 0) parts.push(strings.sameIn(verdict.sameIn.join(', ')));
  if (verdict.differsIn.length > 0) parts.push(strings.differsIn(verdict.differsIn.join(', ')));
  if (verdict.severity === 'warning') {
    const rules = [...new Set(verdict.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.rule))];
    parts.push(`${strings.warning}: ${rules.join(', ')}`);
  }
  return parts.filter((part) => part !== '').join(' · ');
}

function badgeOf(verdict: BlockVerdict, index: number, state: State): LeafDirective {
  const text = badgeText(verdict, state.options.strings);
  return {
    type: 'leafDirective',
    name: 'pg-verdict',
    attributes: { state: verdict.severity ?? 'ok', block: String(index) },
    children: [{ type: 'text', value: text }],
  };
}

function codeNode(block: CodeStep, text: string, index: number, extra: { source?: string }, state: State): Code {
  const meta: string[] = [`pg-block=${index}`, `pg-role=${block.role}`];
  if (extra.source) meta.push(`pg-source=${extra.source}`);
  let lang = block.lang ?? 'text';
  if (block.role === 'command') meta.push('frame="terminal"');
  else if (block.role === 'output') {
    // Output is read, not run: a plain frame labelled as output, highlighted only when it is data.
    meta.push('frame="code"', `title=${metaString(state.options.strings.output)}`);
    if (block.language !== 'yaml' && block.language !== 'json') lang = 'text';
  } else if (block.fileName) {
    meta.push('frame="code"', `title=${metaString(block.fileName.split('/').pop() ?? block.fileName)}`);
  }
  lang = safeLang(lang);
  if (state.options.knownLanguage && !state.options.knownLanguage(lang)) lang = 'text';
  return { type: 'code', lang, meta: meta.join(' '), value: text };
}

/** A value for an Expressive Code meta string: double-quoted, without characters that would end it. */
function metaString(value: string): string {
  return `"${value.replace(/["\\\r\n`]/g, '').trim()}"`;
}

function safeLang(lang: string): string {
  return /^[\w+#.-]{1,40}$/.test(lang) ? lang.toLowerCase() : 'text';
}

function aside(variant: 'note' | 'tip' | 'caution' | 'danger', title: string, children: Block[]): ContainerDirective {
  const label: Paragraph = { type: 'paragraph', data: { directiveLabel: true } as Paragraph['data'], children: [{ type: 'text', value: title }] };
  return { type: 'containerDirective', name: variant, attributes: {}, children: [label, ...children] as ContainerDirective['children'] };
}

function directive(name: string, attributes: Record<string, string>, children: Block[]): ContainerDirective {
  return { type: 'containerDirective', name, attributes, children: children as ContainerDirective['children'] };
}

/** Inline content without source positions (they point into the source file, not this document). */
function clonePhrasing(nodes: PhrasingContent[]): PhrasingContent[] {
  return nodes.map((node) => stripPositions(structuredClone(node)));
}

function stripPositions<T>(node: T): T {
  const value = node as { position?: unknown; children?: unknown[] };
  delete value.position;
  if (Array.isArray(value.children)) value.children.forEach(stripPositions);
  return node;
}
