/**
 * The part of a guide that must not depend on which front end read it: sections, steps, code text,
 * roles and file names, prose as text. Positions and source format are left out on purpose.
 */
import { toString } from 'mdast-util-to-string';
import type { Guide, Inline, Step } from './model.ts';

export interface GuideShape {
  id: string;
  locale: string;
  title: string;
  sections: Array<{ depth: number; anchor: string | null; title: string; steps: unknown[] }>;
}

export function guideShape(guide: Guide): GuideShape {
  return {
    id: guide.id,
    locale: guide.locale,
    title: guide.title,
    sections: guide.sections.map((section) => ({
      depth: section.depth,
      anchor: section.anchor,
      title: section.titleText,
      steps: section.steps.map(stepShape),
    })),
  };
}

const inlineText = (nodes: Inline[]): string => normalize(nodes.map((node) => toString(node)).join(''));
const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim();

function stepShape(step: Step): unknown {
  switch (step.kind) {
    case 'prose':
      return { kind: 'prose', text: inlineText(step.content) };
    case 'list':
      return { kind: 'list', ordered: step.ordered, items: step.items.map((item) => item.map(stepShape)) };
    case 'aside':
      return { kind: 'aside', variant: step.variant, steps: step.steps.map(stepShape) };
    case 'table':
      return { kind: 'table', rows: step.rows.map((row) => row.map(inlineText)) };
    case 'code':
      return { kind: 'code', lang: step.lang, role: step.role, fileName: step.fileName, text: step.text };
    case 'other':
      return { kind: 'other', type: step.type };
  }
}
