/**
 * The runbook of a guide, generated from the step model: the files to save (name and content,
 * alternatives grouped) and the commands in reading order with their source lines, plus a
 * copyable shell script. Synchronous and free of I/O, so the site can offer per guide and locale
 * the files to download and the script.
 */
import type { CodeStep, Guide } from '../core/model.ts';
import { blocksWithLabels, isFileBlock, mentions } from './blocks.ts';

export interface RunbookFile {
  /** The file name as the guide gives it (`ingress.yaml`, `./config/x.yaml`). */
  name: string;
  content: string;
  language: CodeStep['language'];
  /** Source position of the block's first line. */
  line: number;
  column: number;
  /** Position of this block among the steps of `order`. */
  order: number;
  /** When the guide offers several blocks for the same file: which one this is. */
  alternative: { index: number; of: number; label: string } | null;
  /**
   * Source line of the command this file is moved before: the guide shows the file right after the
   * command that uses it ("the content of tls.yaml:"), the runbook writes it first. Else null.
   */
  movedBefore: number | null;
}

export interface RunbookCommand {
  /** The block's text, exactly as a reader copies it. */
  text: string;
  /** Source line and column of the block's first line, and the source line of every text line. */
  line: number;
  column: number;
  lines: number[];
  /** Position among the steps of `order`. */
  order: number;
  /** Title of the section the command is in. */
  section: string;
}

export interface RunbookNote {
  /** What a reader sees but the runbook does not run: expected output, a Python snippet… */
  kind: 'output' | 'snippet';
  language: CodeStep['language'];
  line: number;
  text: string;
}

export interface Runbook {
  guide: { id: string; locale: string; title: string; file: string };
  files: RunbookFile[];
  commands: RunbookCommand[];
  notes: RunbookNote[];
  /** Files and commands interleaved in reading order (indices into `files` and `commands`). */
  order: Array<{ type: 'file'; file: number } | { type: 'command'; command: number }>;
}

export function buildRunbook(guide: Guide): Runbook {
  const runbook: Runbook = { guide: { id: guide.id, locale: guide.locale, title: guide.title, file: guide.file }, files: [], commands: [], notes: [], order: [] };
  const sectionOf = new Map<CodeStep, string>();
  for (const section of guide.sections) {
    const stack = [...section.steps];
    while (stack.length > 0) {
      const step = stack.shift()!;
      if (step.kind === 'code') sectionOf.set(step, section.titleText);
      else if (step.kind === 'list') for (const item of step.items) stack.push(...item);
      else if (step.kind === 'aside') stack.push(...step.steps);
    }
  }
  let group: RunbookFile[] = [];
  const labels = new Map<RunbookFile, string | null>();
  const blocks = blocksWithLabels(guide);
  const moved = new Map<CodeStep, number>();
  for (const { block, index } of blocks) {
    if (block.role !== 'command' || isFileBlock(block)) continue;
    for (const later of blocks.slice(index + 1)) {
      if (later.block.role === 'command' && !isFileBlock(later.block)) break;
      if (isFileBlock(later.block) && mentions(block.text, later.block.fileName!) && !blocks.slice(0, index).some((earlier) => isFileBlock(earlier.block) && earlier.block.fileName === later.block.fileName)) {
        moved.set(later.block, block.lines[0]?.line ?? 0);
      }
    }
  }
  const emitFile = (block: CodeStep, label: string | null): void => {
    const start = block.lines[0] ?? block.position?.start ?? { line: 1, column: 1 };
    const name = block.fileName!;
    if (group.length === 0 || group[0]!.name.replace(/^\.\//, '') !== name.replace(/^\.\//, '')) group = [];
    const file: RunbookFile = { name, content: block.text.endsWith('\n') ? block.text : `${block.text}\n`, language: block.language, line: start.line, column: start.column, order: runbook.order.length, alternative: null, movedBefore: moved.get(block) ?? null };
    group.push(file);
    labels.set(file, label);
    if (group.length > 1) group.forEach((member, index) => (member.alternative = { index, of: group.length, label: labels.get(member) ?? `variant ${index + 1}` }));
    runbook.files.push(file);
    runbook.order.push({ type: 'file', file: runbook.files.length - 1 });
  };
  for (const { block, label, index } of blocks) {
    const start = block.lines[0] ?? block.position?.start ?? { line: 1, column: 1 };
    if (isFileBlock(block)) {
      if (moved.has(block)) continue; // written before its command
      const name = block.fileName!;
      if (group.length === 0 || group[0]!.name.replace(/^\.\//, '') !== name.replace(/^\.\//, '')) group = [];
      void name;
      emitFile(block, label);
      continue;
    }
    if (block.role === 'command') {
      group = [];
      for (const later of blocks.slice(index + 1)) if (moved.get(later.block) === start.line) emitFile(later.block, later.label);
      group = [];
      runbook.commands.push({ text: block.text, line: start.line, column: start.column, lines: block.lines.map((point) => point.line), order: runbook.order.length, section: sectionOf.get(block) ?? '' });
      runbook.order.push({ type: 'command', command: runbook.commands.length - 1 });
      continue;
    }
    runbook.notes.push({ kind: block.role === 'output' ? 'output' : 'snippet', language: block.language, line: start.line, text: block.text });
  }
  return runbook;
}

/** A here-document delimiter that does not occur as a line of the content. */
function delimiter(content: string): string {
  let candidate = 'POLYGUIDE_EOF';
  for (let n = 1; content.split('\n').some((line) => line === candidate); n++) candidate = `POLYGUIDE_EOF_${n}`;
  return candidate;
}

function quote(name: string): string {
  return `'${name.replace(/'/g, `'\\''`)}'`;
}

/**
 * The commands and files as one POSIX shell script. Files are written with quoted here-documents
 * (no expansion); of alternative blocks for one file, the first is active and the others are
 * commented out. The header asks the reader to review the script before running it.
 */
export function runbookScript(runbook: Runbook): string {
  const out: string[] = [
    '#!/bin/sh',
    `# ${runbook.guide.title}`,
    `# Generated by \`polyguide export\` from ${runbook.guide.file} (guide ${runbook.guide.id}, locale ${runbook.guide.locale}).`,
    '#',
    '# REVIEW THIS SCRIPT BEFORE RUNNING IT. It changes real clusters and cloud accounts: it installs,',
    '# upgrades and annotates releases and objects, and imports certificates. Replace the placeholders',
    '# (names, ARNs, hosts) with your own, bring the files the guide asks for, and run it only where',
    '# the guide\'s prerequisites hold. polyguide has only simulated these steps.',
    '',
    'set -eu',
    '',
  ];
  let section = '';
  for (const entry of runbook.order) {
    if (entry.type === 'file') {
      const file = runbook.files[entry.file]!;
      const end = delimiter(file.content);
      const body = `cat > ${quote(file.name)} <<'${end}'\n${file.content}${end}`;
      out.push(`# ${file.name} — ${runbook.guide.file}:${file.line}${file.alternative ? ` (variant ${file.alternative.index + 1} of ${file.alternative.of}: ${file.alternative.label})` : ''}${file.movedBefore !== null ? ` (shown after the command at line ${file.movedBefore} that uses it; written first)` : ''}`);
      if (file.alternative && file.alternative.index > 0) out.push('# Alternative, commented out: uncomment it instead of the variant above to use it.', ...body.split('\n').map((line) => `# ${line}`));
      else {
        const dir = file.name.includes('/') ? file.name.slice(0, file.name.lastIndexOf('/')) : '';
        if (dir) out.push(`mkdir -p ${quote(dir)}`);
        out.push(body);
      }
      out.push('');
      continue;
    }
    const command = runbook.commands[entry.command]!;
    if (command.section && command.section !== section) {
      section = command.section;
      out.push(`# --- ${section} ---`);
    }
    out.push(`# ${runbook.guide.file}:${command.line}`, command.text, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
