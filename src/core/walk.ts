/** Walking a guide's steps in reading order. */
import type { CodeStep, Guide, Step } from './model.ts';

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
