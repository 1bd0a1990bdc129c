import { describe, expect, it } from 'vitest';
import { brief, findingsOf } from './check-fixture.ts';

describe('cross/translated-identifier', () => {
  it('reports an emphasised identifier from the code that was translated', async () => {
    const findings = await findingsOf('translated-identifier/invalid', 'cross/translated-identifier');
    expect(findings.map(brief)).toEqual([{ file: 'de/guide.md', line: 12, column: 14, severity: 'warning', reference: { file: 'en/guide.md', line: 12 } }]);
    expect(findings[0]!.message).toBe('Unexpected `Gastgeber`, expected `host` (an identifier from the code, untranslated as in the en reference)');
  });

  it('leaves an emphasised concept word alone even when the code has a variable of that name', async () => {
    expect(await findingsOf('translated-identifier/concept', 'cross/translated-identifier')).toEqual([]);
  });

  it('accepts identifiers kept and other emphasis added', async () => {
    expect(await findingsOf('translated-identifier/valid', 'cross/translated-identifier')).toEqual([]);
  });
});
