/** Code blocks in reading order with the lead text of the list item they sit in. */
import type { CodeStep, Guide, Step } from '../core/model.ts';

export interface BlockContext {
  block: CodeStep;
  /** Index in reading order (as core/walk.ts `codeBlocks`). */
  index: number;
  /** The prose of the list item the block sits in, e.g. "Using self-managed certificates". */
  label: string | null;
}

export function blocksWithLabels(guide: Guide): BlockContext[] {
  const result: BlockContext[] = [];
  const walk = (steps: Step[], label: string | null): void => {
    for (const step of steps) {
      if (step.kind === 'code') result.push({ block: step, index: result.length, label });
      else if (step.kind === 'list') {
        for (const item of step.items) {
          const lead = item.find((inner) => inner.kind === 'prose');
          walk(item, lead && lead.kind === 'prose' ? lead.text.trim() : label);
        }
      } else if (step.kind === 'aside') walk(step.steps, label);
    }
  };
  for (const section of guide.sections) walk(section.steps, null);
  return result;
}

/**
 * Whether a block is the content of a file: role `file` with a name, or a shell block titled with
 * a file name in its fence (```bash title="deploy.sh"```), which is a script to save, not to run.
 */
export function isFileBlock(block: CodeStep): boolean {
  if (!block.fileName) return false;
  return block.role === 'file' || (block.role === 'command' && block.fileNameSource === 'meta');
}


/** Whether a command text names a file (`-f tls.yaml`, `fileb://x.pem`, `./dir/x.yaml`). */
export function mentions(text: string, file: string): boolean {
  const name = file.replace(/^\.\//, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s=:'"/])(\\./)?${name}($|[\\s'"])`, 'm').test(text);
}
