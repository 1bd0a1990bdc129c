import { describe, expect, it } from 'vitest';
import { brief, findingsOf } from './check-fixture.ts';

describe('cross/yaml-indentation', () => {
  it('points at the first de-indented line of the translation, with the reference line', async () => {
    const findings = await findingsOf('yaml-indentation/invalid', 'cross/yaml-indentation');
    expect(findings.map(brief)).toEqual([{ file: 'de/guide.md', line: 16, column: 1, severity: 'error', reference: { file: 'en/guide.md', line: 16 } }]);
    expect(findings[0]!.message).toBe('Unexpected indentation of 0 spaces before `ingressClassName: alb`, expected 2 spaces as in the en reference');
  });

  it('accepts a sequence re-indented with the same data', async () => {
    expect(await findingsOf('yaml-indentation/valid', 'cross/yaml-indentation')).toEqual([]);
    expect(await findingsOf('yaml-indentation/valid', 'cross/code-drift')).toEqual([
      expect.objectContaining({ severity: 'info', file: 'de/guide.md' }),
    ]);
  });
});
