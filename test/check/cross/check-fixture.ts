import { join } from 'node:path';
import { checkPaths } from '../../../src/check/index.ts';
import type { Diagnostic } from '../../../src/check/types.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

/** Check one fixture folder (laid out <locale>/guide.md) and return the findings of one rule. */
export async function findingsOf(fixture: string, rule: string, options: { source?: string } = {}): Promise<Diagnostic[]> {
  const root = join(FIXTURES, fixture);
  const result = await checkPaths([root], { cwd: root, cache: false, run: false, workers: 1, source: options.source ?? 'en' });
  return result.diagnostics.filter((d) => d.rule === rule);
}

/** Only what a test asserts on: where, how bad, and what the reference says. */
export function brief(d: Diagnostic): { file: string; line: number; column: number; severity: string; reference?: { file: string; line: number } } {
  return { file: d.file, line: d.line, column: d.column, severity: d.severity, ...(d.reference ? { reference: { file: d.reference.file, line: d.reference.line } } : {}) };
}
