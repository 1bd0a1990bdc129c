/** Walking a guide's steps in reading order. */
import type { CodeStep, Guide, Inline, Step } from './model.ts';

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

export function codeBlocks(guide: Guide): CodeStep[] {
  const blocks: CodeStep[] = [];
  for (const step of guideSteps(guide)) if (step.kind === 'code') blocks.push(step);
  return blocks;
}

/** Every run of inline content (prose, table cells) in reading order, descending into lists and asides. */
export function* inlineRuns(steps: Step[]): Generator<Inline[]> {
  for (const step of allSteps(steps)) {
    if (step.kind === 'prose') yield step.content;
    else if (step.kind === 'table') for (const row of step.rows) for (const cell of row) yield cell;
  }
}

/** Plain text of inline nodes. */
export function inlineText(nodes: Inline[]): string {
  let text = '';
  for (const node of nodes) {
    if ('value' in node) text += String(node.value);
    else if ('children' in node) text += inlineText(node.children as Inline[]);
  }
  return text;
}
