/** `--format github`: GitHub Actions workflow commands, one annotation per finding. */
import type { CheckResult } from '../types.ts';
import { printableLines } from './printable.ts';

const LEVEL = { error: 'error', warning: 'warning', info: 'notice' } as const;

export function formatGithub(result: CheckResult): string {
  const lines = result.diagnostics.map((d) => {
    const reference = d.reference ? ` (reference: ${d.reference.file}:${d.reference.line})` : '';
    const properties = `file=${escapeProperty(d.file)},line=${d.line},col=${d.column},title=${escapeProperty(`${d.rule} (${d.locale})`)}`;
    return `::${LEVEL[d.severity]} ${properties}::${escapeData(d.message + reference)}`;
  });
  for (const problem of result.unreadable) lines.push(`::error file=${escapeProperty(problem.file)},line=${problem.line},col=${problem.column},title=unreadable::${escapeData(problem.message)}`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

// The escapes GitHub's toolkit applies (core/command.ts), after the guide's control characters are
// made visible (the log viewer would run its escape sequences).
function escapeData(text: string): string {
  return printableLines(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
