import { describe, expect, it } from 'vitest';
import { brief, findingsOf } from './check-fixture.ts';

describe('cross/front-matter', () => {
  it('reports a front matter id that differs from the reference', async () => {
    const findings = await findingsOf('front-matter/invalid', 'cross/front-matter');
    expect(findings.map(brief)).toEqual([{ file: 'de/guide.md', line: 2, column: 1, severity: 'warning', reference: { file: 'en/guide.md', line: 2 } }]);
    expect(findings[0]!.message).toBe('Unexpected front matter id `leitfaden.md`, expected `guide.md` as in the en reference');
  });

  it('is silent when the ids match', async () => {
    expect(await findingsOf('front-matter/valid', 'cross/front-matter')).toEqual([]);
  });
});
