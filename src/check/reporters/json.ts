/**
 * `--format json`: the documented, stable contract:
 * {"diagnostics": [{"file", "line", "column", "severity", "rule", "message", "locale", "guide",
 * "reference"?: {"file", "line", "locale"}}], "summary": {"files", "guides", "errors", "warnings"}}
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
  return `${JSON.stringify({ diagnostics, summary: result.summary }, null, 2)}\n`;
}
