import { describe, expect, it } from 'vitest';
import { linkTarget } from '../../../src/check/rules/cross/link-drift.ts';
import { brief, findingsOf } from './check-fixture.ts';

describe('cross/link-drift', () => {
  it('reports a link whose target changed, a link lost and a link added, on the translator’s line', async () => {
    const findings = await findingsOf('link-drift/invalid', 'cross/link-drift');
    expect(findings.map(brief)).toEqual([
      { file: 'de/guide.md', line: 8, column: 96, severity: 'warning', reference: { file: 'en/guide.md', line: 8 } },
      { file: 'pt/guide.md', line: 12, column: 71, severity: 'warning' },
      { file: 'ru/guide.md', line: 6, column: 1, severity: 'warning', reference: { file: 'en/guide.md', line: 8 } },
    ]);
    expect(findings.map((finding) => finding.message)).toEqual([
      'Unexpected link to `https://github.com/milvus-io/milvus-chart`, expected `https://github.com/milvus-io/milvus-helm` as in the en reference',
      'Unexpected link to `https://milvus.io/blog`, expected only the links of the en reference',
      'Unexpected section without the link to `https://github.com/milvus-io/milvus-helm`, expected it as in the en reference',
    ]);
  });

  it('accepts links to the locale’s own copy of a page, repeated links, and leaves in-page links to links/anchor', async () => {
    expect(await findingsOf('link-drift/valid', 'cross/link-drift')).toEqual([]);
  });

  it.each([
    ['https://milvus.io/docs/de/v2.4.x/tls.md', 'https://milvus.io/docs/tls.md'],
    ['https://milvus.io/docs/tls.md/v2.4.x', 'https://milvus.io/docs/tls.md'],
    ['https://milvus.io/docs/v2.4.x/monitor.md#Grafana/v2.4.x', 'https://milvus.io/docs/monitor.md#Grafana'],
    ['https://github.com/milvus-io/milvus/blob/v2.4.23/configs/milvus.yaml', 'https://github.com/milvus-io/milvus/blob/v2.4.23/configs/milvus.yaml'],
    ['https://example.com/Page?q=1', 'https://example.com/Page?q=1'],
  ])('takes %s to lead to %s', (url, target) => {
    expect(linkTarget(url)).toBe(target);
  });
});
