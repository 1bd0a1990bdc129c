/**
 * The terminal reporter: per file, each finding with a code frame from the translator's file and,
 * for cross-language findings, a short diff against the reference block.
 */
import { codeFrameColumns } from '@babel/code-frame';
import { diffLines } from 'diff';
import pc from 'picocolors';
import type { CheckResult, Diagnostic } from '../types.ts';
import type { ReporterOptions } from './index.ts';
import { printableLine, printableLines } from './printable.ts';

const MAX_DIFF_LINES = 8;

export function formatPretty(result: CheckResult, options: ReporterOptions): string {
  const colors = pc.createColors(options.color ?? false);
  const out: string[] = [];
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of result.diagnostics) {
    if (d.severity === 'info' && !options.verbose) continue;
    byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  }
  for (const problem of result.unreadable) out.push(`${colors.red('error')} ${printableLine(`${problem.file}:${problem.line}:${problem.column} ${problem.message}`)} ${colors.dim('(unreadable)')}`, '');
  for (const [file, diagnostics] of byFile) {
    out.push(colors.underline(printableLine(file)));
    const read = options.readText?.(file) ?? null;
    const text = read === null ? null : printableLines(read);
    for (const d of diagnostics) {
      const severity = d.severity === 'error' ? colors.red('error') : d.severity === 'warning' ? colors.yellow('warning') : colors.blue('info');
      out.push(`  ${d.line}:${d.column}  ${severity}  ${printableLine(d.message)}  ${colors.dim(printableLine(d.rule))}`);
      if (d.reference) out.push(`  ${colors.dim(printableLine(`reference: ${d.reference.file}:${d.reference.line} (${d.reference.locale})`))}`);
      if (text !== null && d.severity !== 'info') {
        out.push(indent(frameAround(text, d.line, d.column), 4));
      }
      if (d.expected !== undefined && d.actual !== undefined && d.severity !== 'info') out.push(indent(shortDiff(printableLines(d.expected), printableLines(d.actual), d.reference?.locale ?? 'reference', d.locale, colors), 4));
    }
    out.push('');
  }
  const { errors, warnings, files, guides } = result.summary;
  const infos = result.diagnostics.filter((d) => d.severity === 'info').length;
  const line = `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}, ${infos} info in ${files} files (${guides} guides)${result.unreadable.length ? `, ${result.unreadable.length} unreadable` : ''}`;
  out.push(errors > 0 || result.unreadable.length ? colors.red(`✖ ${line}`) : colors.green(`✔ ${line}`));
  return `${out.join('\n')}\n`;
}

/** Widest source line shown in a code frame; Milvus pages hold whole paragraphs on one line. */
const FRAME_WIDTH = 100;
/** How much of the line before the column a clipped frame keeps. */
const FRAME_LEAD = 40;

/**
 * A code frame of the finding's line and its neighbours. Long lines are clipped to a window
 * around the column (marked with `…`), the same window for all three lines, so the caret still
 * points at the finding. (The library counts columns from 0, findings from 1.)
 */
function frameAround(text: string, line: number, column: number): string {
  const lines = text.split('\n');
  const shown = lines.slice(Math.max(0, line - 2), line + 1);
  if (shown.every((source) => source.length <= FRAME_WIDTH)) {
    return codeFrameColumns(text, { start: { line, column: column - 1 } }, { highlightCode: false, linesAbove: 1, linesBelow: 1 });
  }
  const start = Math.max(0, column - 1 - FRAME_LEAD);
  const clip = (source: string): string => {
    if (source.length <= FRAME_WIDTH && start === 0) return source;
    const window = source.slice(start, start + FRAME_WIDTH);
    return `${start > 0 ? '…' : ''}${window}${start + FRAME_WIDTH < source.length ? '…' : ''}`;
  };
  // Only the three lines matter to the frame; the others are left empty to keep line numbers.
  const clipped = lines.map((source, index) => (index >= line - 2 && index <= line ? clip(source) : ''));
  return codeFrameColumns(clipped.join('\n'), { start: { line, column: column - 1 - start + (start > 0 ? 1 : 0) } }, { highlightCode: false, linesAbove: 1, linesBelow: 1 });
}

/** The first changed hunk, reference lines first, a few of each. */
function shortDiff(expected: string, actual: string, referenceLocale: string, locale: string, colors: ReturnType<typeof pc.createColors>): string {
  const lines: string[] = [colors.dim(`--- ${referenceLocale}`), colors.dim(`+++ ${locale}`)];
  const parts = diffLines(expected, actual);
  const first = parts.findIndex((part) => part.added || part.removed);
  if (first === -1) return lines.join('\n');
  const hunk = [parts[first]!];
  const next = parts[first + 1];
  if (next && (next.added || next.removed) && next.added !== parts[first]!.added) hunk.push(next);
  for (const part of hunk) {
    const values = part.value.replace(/\n$/, '').split('\n');
    for (const value of values.slice(0, MAX_DIFF_LINES / 2)) lines.push(part.added ? colors.green(`+ ${value}`) : colors.red(`- ${value}`));
    if (values.length > MAX_DIFF_LINES / 2) lines.push(colors.dim(`  … ${values.length - MAX_DIFF_LINES / 2} more`));
  }
  return lines.join('\n');
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => pad + line)
    .join('\n');
}
