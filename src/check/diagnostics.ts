/**
 * Findings as vfile messages (severity in vfile's `fatal` convention, the reference locale as the
 * message's `cause`), and their stable JSON form.
 */
import { VFileMessage } from 'vfile-message';
import type { Point } from '../core/model.ts';
import type { Diagnostic, Severity } from './types.ts';
import { codeInMessage } from '../core/code-in-message.ts';

export interface ReferencePoint {
  file: string;
  line: number;
  column?: number;
  locale: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  at: Point;
  reference?: ReferencePoint;
  expected?: string;
  actual?: string;
}

/**
 * Fill `{{name}}` placeholders of a rule's message template. A placeholder in backticks is code
 * from a guide, shown by codeInMessage (one line, never an empty or broken code span).
 */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/(`?)\{\{\s*(\w+)\s*\}\}(`?)/g, (whole, open: string, name: string, close: string) => {
    if (!(name in data)) return whole;
    const value = String(data[name]);
    return open && close ? codeInMessage(value) : `${open}${value}${close}`;
  });
}

export function toVFileMessage(file: string, finding: Finding): VFileMessage {
  const cause = finding.reference
    ? Object.assign(new VFileMessage(`reference in ${finding.reference.locale}`, { place: { line: finding.reference.line, column: finding.reference.column ?? 1 }, source: 'polyguide' }), {
        file: finding.reference.file,
      })
    : undefined;
  const message = new VFileMessage(finding.message, { place: finding.at, ruleId: finding.rule, source: 'polyguide', cause });
  message.file = file;
  message.fatal = finding.severity === 'error' ? true : finding.severity === 'warning' ? false : undefined;
  return message;
}

export function severityOf(message: VFileMessage): Severity {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
}

export function toDiagnostic(file: string, locale: string, guide: string, finding: Finding): Diagnostic {
  const diagnostic: Diagnostic = {
    file,
    line: finding.at.line,
    column: finding.at.column,
    severity: finding.severity,
    rule: finding.rule,
    message: finding.message,
    locale,
    guide,
  };
  if (finding.reference) diagnostic.reference = { file: finding.reference.file, line: finding.reference.line, locale: finding.reference.locale };
  if (finding.expected !== undefined) diagnostic.expected = finding.expected;
  if (finding.actual !== undefined) diagnostic.actual = finding.actual;
  return diagnostic;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || ORDER[a.severity] - ORDER[b.severity] || a.rule.localeCompare(b.rule);
}

export function worst(severities: Iterable<Severity>): Severity | null {
  let result: Severity | null = null;
  for (const severity of severities) if (result === null || ORDER[severity] < ORDER[result]) result = severity;
  return result;
}
