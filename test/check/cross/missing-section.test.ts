import { describe, expect, it } from 'vitest';
import { brief, findingsOf } from './check-fixture.ts';

describe('cross/missing-section', () => {
  it('reports a section of the reference that the translation lacks', async () => {
    const findings = await findingsOf('missing-section/invalid', 'cross/missing-section');
    expect(findings.map(brief)).toEqual([{ file: 'de/guide.md', line: 6, column: 1, severity: 'warning', reference: { file: 'en/guide.md', line: 12 } }]);
    expect(findings[0]!.message).toContain('`#Verify`');
  });

  it('points at the first of the reference\'s sections with a repeated anchor, as the other section rules do', async () => {
    const findings = await findingsOf('missing-section/repeated-anchor', 'cross/missing-section');
    expect(findings.map(brief)).toEqual([{ file: 'de/guide.md', line: 6, column: 1, severity: 'warning', reference: { file: 'en/guide.md', line: 8 } }]);
  });

  it('points at the first heading when the page has text before it (found by fuzzing: it pointed at the front matter, line 1)', async () => {
    const findings = await findingsOf('missing-section/intro', 'cross/missing-section');
    expect(findings.map(brief)).toEqual([{ file: 'de/guide.md', line: 8, column: 1, severity: 'warning', reference: { file: 'en/guide.md', line: 12 } }]);
  });

  it('shows a long title cut, on one line (found by fuzzing: a heading left open took in a code block, and all of it, line ends included, was quoted)', async () => {
    const findings = await findingsOf('missing-section/long-title', 'cross/missing-section');
    expect(findings.map(brief)).toEqual([{ file: 'de/guide.md', line: 5, column: 1, severity: 'warning', reference: { file: 'en/guide.md', line: 5 } }]);
    expect(findings[0]!.message).toBe('Unexpected guide without the section `#P` ("Deploy Milvus on a cluster of your own, with the settings t…"), expected it as in the en reference');
  });

  it('is silent when every section is there', async () => {
    expect(await findingsOf('missing-section/valid', 'cross/missing-section')).toEqual([]);
  });
});
