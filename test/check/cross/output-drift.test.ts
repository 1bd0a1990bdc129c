import { describe, expect, it } from 'vitest';
import { brief, findingsOf } from './check-fixture.ts';

describe('cross/output-drift', () => {
  it('reports translated output as a warning', async () => {
    const findings = await findingsOf('output-drift/invalid', 'cross/output-drift');
    expect(findings.map(brief)).toEqual([{ file: 'de/guide.md', line: 13, column: 1, severity: 'warning', reference: { file: 'en/guide.md', line: 13 } }]);
    expect(await findingsOf('output-drift/invalid', 'cross/code-drift')).toEqual([]);
  });

  it('is silent on identical output', async () => {
    expect(await findingsOf('output-drift/valid', 'cross/output-drift')).toEqual([]);
  });
});
