/**
 * `--format json`: the documented, stable contract:
 * {"diagnostics": [{"file", "line", "column", "severity", "rule", "message", "locale", "guide",
 * "reference"?: {"file", "line", "locale"}}], "summary": {"files", "guides", "errors", "warnings"},
 * "unreadable": [{"file", "line", "column", "rule", "message"}]}. `unreadable` lists the files
 * that could not be checked at all (the exit status is then 2), so that a consumer of the JSON
 * learns of them too, not only a reader of the terminal.
 */
import type { CheckResult } from '../types.ts';

export function formatJson(result: CheckResult): string {
  const diagnostics = result.diagnostics.map((d) => ({
    file: d.file,
    line: d.line,
    column: d.column,
    severity: d.severity,
    rule: d.rule,
    message: d.message,
    locale: d.locale,
    guide: d.guide,
    ...(d.reference ? { reference: { file: d.reference.file, line: d.reference.line, locale: d.reference.locale } } : {}),
  }));
  const unreadable = result.unreadable.map((u) => ({ file: u.file, line: u.line, column: u.column, rule: u.rule, message: u.message }));
  return `${JSON.stringify({ diagnostics, summary: result.summary, unreadable }, null, 2)}\n`;
}
