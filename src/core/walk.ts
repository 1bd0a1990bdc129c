/** Walking a guide's steps in reading order. */
import type { CodeStep, Guide, Inline, Point, Section, Step } from './model.ts';

/** Every step in document order, descending into lists and asides. */
export function* allSteps(steps: Step[]): Generator<Step> {
  for (const step of steps) {
    yield step;
    if (step.kind === 'list') for (const item of step.items) yield* allSteps(item);
    if (step.kind === 'aside') yield* allSteps(step.steps);
  }
}

export function* guideSteps(guide: Guide): Generator<Step> {
  for (const section of guide.sections) yield* allSteps(section.steps);
}

/** The guide's code blocks in reading order (the order block indexes refer to). */
export function codeBlocks(guide: Guide): CodeStep[] {
  const blocks: CodeStep[] = [];
  // A plain recursion, not allSteps: checks call this for every guide, and nested generators cost.
  const collect = (steps: Step[]): void => {
    for (const step of steps) {
      if (step.kind === 'code') blocks.push(step);
      else if (step.kind === 'list') for (const item of step.items) collect(item);
      else if (step.kind === 'aside') collect(step.steps);
    }
  };
  for (const section of guide.sections) collect(section.steps);
  return blocks;
}

/** Every run of inline content (prose, table cells) in reading order, descending into lists and asides. */
export function inlineRuns(steps: Step[]): Inline[][] {
  const runs: Inline[][] = [];
  // A plain recursion, not allSteps: rules call this for every section, and nested generators cost.
  const collect = (list: Step[]): void => {
    for (const step of list) {
      if (step.kind === 'prose') runs.push(step.content);
      else if (step.kind === 'table') for (const row of step.rows) for (const cell of row) runs.push(cell);
      else if (step.kind === 'list') for (const item of step.items) collect(item);
      else if (step.kind === 'aside') collect(step.steps);
    }
  };
  collect(steps);
  return runs;
}

/** Plain text of inline nodes. */
export function inlineText(nodes: Inline[]): string {
  let text = '';
  for (const node of nodes) {
    if ('value' in node) text += String(node.value);
    else if ('children' in node) text += inlineText(node.children as Inline[]);
    // A line break parts words (`Deploy Milvus<br>on a cluster` is not "Milvuson").
    else if (node.type === 'break') text += '\n';
  }
  return text;
}

/** The guide's sections by heading anchor; of two with the same anchor, the first. */
/**
 * Where a finding about the page as a whole goes: its first heading (text before it, an intro
 * section, has no place of its own), else its first step with a place, else line 1.
 */
export function firstPlace(guide: Guide): Point {
  const heading = guide.sections.find((section) => section.position);
  if (heading) return heading.position!.start;
  for (const step of guideSteps(guide)) if (step.position) return step.position.start;
  return { line: 1, column: 1 };
}

export function sectionsByAnchor(guide: Guide): Map<string, Section> {
  const map = new Map<string, Section>();
  for (const section of guide.sections) if (section.anchor && !map.has(section.anchor)) map.set(section.anchor, section);
  return map;
}

/** Every link of a section (its heading, prose and table cells) with its place, in reading order. */
export function sectionLinks(section: Section): Array<{ url: string; at: Point }> {
  const links: Array<{ url: string; at: Point }> = [];
  const collect = (nodes: Inline[]): void => {
    for (const node of nodes) {
      if (node.type === 'link' && node.position) links.push({ url: node.url, at: { line: node.position.start.line, column: node.position.start.column } });
      if ('children' in node) collect(node.children as Inline[]);
    }
  };
  collect(section.title);
  for (const run of inlineRuns(section.steps)) collect(run);
  return links;
}
