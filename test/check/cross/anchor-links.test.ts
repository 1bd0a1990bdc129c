import { describe, expect, it } from 'vitest';
import { brief, findingsOf } from './check-fixture.ts';

describe('links/anchor', () => {
  it('reports in-page links that match no heading id, case-sensitively', async () => {
    const findings = await findingsOf('anchor-links/invalid', 'links/anchor');
    expect(findings.map(brief)).toEqual([
      { file: 'de/guide.md', line: 10, column: 7, severity: 'warning' },
      { file: 'de/guide.md', line: 10, column: 44, severity: 'warning' },
    ]);
    expect(findings[0]!.message).toBe('Unexpected link `#prepare-tls-certificates`, expected `#Prepare-TLS-certificates` (fragments are case-sensitive)');
  });

  it('accepts a link with the exact id', async () => {
    expect(await findingsOf('anchor-links/valid', 'links/anchor')).toEqual([]);
  });
});
