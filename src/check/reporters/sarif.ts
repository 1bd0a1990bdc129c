/** `--format sarif`: SARIF 2.1.0, for code scanning dashboards. */
import type { CheckResult } from '../types.ts';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

// The subset of the SARIF 2.1.0 object model this reporter writes.
interface ReportingDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
}
interface PhysicalLocation {
  artifactLocation: { uri: string };
  region: { startLine: number; startColumn?: number };
}
interface Result {
  ruleId: string;
  ruleIndex: number;
  level: 'error' | 'warning' | 'note';
  message: { text: string };
  locations: Array<{ physicalLocation: PhysicalLocation }>;
  relatedLocations?: Array<{ id: number; message: { text: string }; physicalLocation: PhysicalLocation }>;
  properties: Record<string, string>;
}
interface Log {
  version: '2.1.0';
  $schema: string;
  runs: Array<{ tool: { driver: { name: string; informationUri: string; rules: ReportingDescriptor[] } }; invocations: Array<{ executionSuccessful: boolean }>; results: Result[] }>;
}

/**
 * Files that could not be checked at all are results too (errors under the rule that refused them,
 * `source/too-large`…), so that code scanning shows them on the file, and the run's invocation is
 * marked unsuccessful.
 */
export function formatSarif(result: CheckResult): string {
  const ruleIds = [...new Set([...result.diagnostics.map((d) => d.rule), ...result.unreadable.map((u) => u.rule)])].sort();
  const rules: ReportingDescriptor[] = ruleIds.map((id) => ({ id, name: id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()), shortDescription: { text: id } }));
  const results: Result[] = result.diagnostics.map((d) => ({
    ruleId: d.rule,
    ruleIndex: ruleIds.indexOf(d.rule),
    level: LEVEL[d.severity],
    message: { text: d.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: toUri(d.file) }, region: { startLine: d.line, startColumn: d.column } } }],
    ...(d.reference
      ? { relatedLocations: [{ id: 1, message: { text: `reference (${d.reference.locale})` }, physicalLocation: { artifactLocation: { uri: toUri(d.reference.file) }, region: { startLine: d.reference.line } } }] }
      : {}),
    properties: { locale: d.locale, guide: d.guide },
  }));
  for (const u of result.unreadable) {
    results.push({
      ruleId: u.rule,
      ruleIndex: ruleIds.indexOf(u.rule),
      level: 'error',
      message: { text: u.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: toUri(u.file) }, region: { startLine: u.line, startColumn: u.column } } }],
      properties: { unreadable: 'true' },
    });
  }
  const log: Log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [{ tool: { driver: { name: 'polyguide', informationUri: 'https://github.com/polyguide/polyguide', rules } }, invocations: [{ executionSuccessful: result.unreadable.length === 0 }], results }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function toUri(file: string): string {
  return file.split(/[\\/]/).map(encodeURIComponent).join('/');
}
