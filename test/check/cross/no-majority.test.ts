import { describe, expect, it } from 'vitest';
import { brief, findingsOf } from './check-fixture.ts';

describe('cross/no-majority', () => {
  it('reports a split with no majority on every side, without picking a winner', async () => {
    const findings = await findingsOf('no-majority/invalid', 'cross/no-majority');
    expect(findings.map(brief)).toEqual([
      { file: 'de/guide.md', line: 9, column: 1, severity: 'warning' },
      { file: 'ru/guide.md', line: 9, column: 1, severity: 'warning' },
    ]);
    expect(await findingsOf('no-majority/invalid', 'cross/code-drift')).toEqual([]);
  });

  it('is silent when the locales agree', async () => {
    expect(await findingsOf('no-majority/valid', 'cross/no-majority')).toEqual([]);
  });
});
