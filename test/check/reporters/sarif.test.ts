import { describe, expect, it } from 'vitest';
import { formatSarif } from '../../../src/check/reporters/sarif.ts';
import { sampleResult } from './sample-result.ts';

describe('sarif reporter', () => {
  it('writes SARIF 2.1.0 with rules, levels, locations and the reference as a related location', () => {
    const log = JSON.parse(formatSarif(sampleResult));
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('polyguide');
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(['cross/translated-identifier', 'cross/yaml-indentation']);
    expect(run.results.map((r: { level: string }) => r.level)).toEqual(['error', 'warning', 'note']);
    expect(run.results[0].ruleIndex).toBe(1);
    expect(run.results[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'content/ru/aws_layer7.md' }, region: { startLine: 57, startColumn: 1 } });
    expect(run.results[0].relatedLocations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'content/de/aws_layer7.md' }, region: { startLine: 57 } });
    expect(run.results[2]).not.toHaveProperty('relatedLocations');
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
  });

  it('reports a file that could not be checked as an error on it, under the rule that refused it, and the run as unsuccessful', () => {
    const log = JSON.parse(formatSarif({ ...sampleResult, unreadable: [{ file: 'content/ru/bin.md', line: 2, column: 1, rule: 'source/binary', message: 'Unexpected NUL byte (binary data), expected UTF-8 text' }] }));
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(['cross/translated-identifier', 'cross/yaml-indentation', 'source/binary']);
    const refused = run.results.at(-1);
    expect(refused).toMatchObject({ ruleId: 'source/binary', ruleIndex: 2, level: 'error', message: { text: 'Unexpected NUL byte (binary data), expected UTF-8 text' } });
    expect(refused.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'content/ru/bin.md' }, region: { startLine: 2, startColumn: 1 } });
    expect(run.invocations).toEqual([{ executionSuccessful: false }]);
  });
});
