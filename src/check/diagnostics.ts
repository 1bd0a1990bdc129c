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
 * Fill `{{name}}` placeholders of a rule's message template. A code span holding placeholders
 * (`` `{{found}}` ``, `` `#{{anchor}}` ``) is code from a guide: the filled span is shown by
 * codeInMessage (one line, never an empty or broken code span). One pass, so a value that holds
 * `{{…}}` itself (a Helm template) is never filled in turn.
 */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  const fill = (text: string): string => text.replace(PLACEHOLDER, (_whole, name: string) => String(data[name]));
  const known = (text: string): boolean => [...text.matchAll(PLACEHOLDER)].every((match) => match[1]! in data);
  return template.replace(CODE_SPAN_OR_PLACEHOLDER, (whole, span: string | undefined, name: string | undefined) => {
    if (span !== undefined) return known(span) ? codeInMessage(fill(span)) : whole;
    return name! in data ? String(data[name!]) : whole;
  });
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;
/** A code span of a template that holds a placeholder, or a placeholder outside code. */
const CODE_SPAN_OR_PLACEHOLDER = /`([^`\n]*\{\{\s*\w+\s*\}\}[^`\n]*)`|\{\{\s*(\w+)\s*\}\}/g;

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
