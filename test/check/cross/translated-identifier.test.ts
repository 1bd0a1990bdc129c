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

  it('leaves an emphasised word beside code alone when every translation (three or more) translated it', async () => {
    expect(await findingsOf('translated-identifier/agreed-concept', 'cross/translated-identifier')).toEqual([]);
  });

  it('reports the translations when another locale kept the emphasised word', async () => {
    const findings = await findingsOf('translated-identifier/disputed-concept', 'cross/translated-identifier');
    expect(findings.map(brief)).toEqual([
      { file: 'de/guide.md', line: 13, column: 42, severity: 'warning', reference: { file: 'en/guide.md', line: 13 } },
      { file: 'pt/guide.md', line: 13, column: 39, severity: 'warning', reference: { file: 'en/guide.md', line: 13 } },
    ]);
    expect(findings[0]!.message).toBe('Unexpected `Datenbank`, expected `database` (an identifier from the code, untranslated as in the en reference)');
  });

  it('counts a locale as agreeing when it translated the word elsewhere in the section, though it kept it once', async () => {
    expect(await findingsOf('translated-identifier/partly-kept-concept', 'cross/translated-identifier')).toEqual([]);
  });

  it('reports inline code translated in every locale: agreement says nothing about code', async () => {
    const findings = await findingsOf('translated-identifier/agreed-inline-code', 'cross/translated-identifier');
    expect(findings.map((finding) => `${finding.file}:${finding.line}`)).toEqual(['de/guide.md:13', 'pt/guide.md:13', 'ru/guide.md:13']);
  });

  it('leaves a plain word alone that the code only has in a comment (`# add the entity to the list`)', async () => {
    expect(await findingsOf('translated-identifier/comment-word', 'cross/translated-identifier')).toEqual([]);
  });

  it('reports a name the code shows in a comment (printed output: `# "state": "<LoadState: NotLoad>"`)', async () => {
    const findings = await findingsOf('translated-identifier/comment-output', 'cross/translated-identifier');
    expect(findings.map(brief)).toEqual([{ file: 'de/guide.md', line: 19, column: 23, severity: 'warning', reference: { file: 'en/guide.md', line: 19 } }]);
    expect(findings[0]!.message).toBe('Unexpected `NichtGeladen`, expected `NotLoad` (an identifier from the code, untranslated as in the en reference)');
  });

  it('leaves a word alone that is emphasised in a list with phrases (**schema** and **index parameters**)', async () => {
    expect(await findingsOf('translated-identifier/listed-concepts', 'cross/translated-identifier')).toEqual([]);
  });

  it('reports the same word emphasised beside an identifier (**schema** and **index_params**)', async () => {
    const findings = await findingsOf('translated-identifier/listed-with-code', 'cross/translated-identifier');
    expect(findings.map(brief)).toEqual([{ file: 'pt/guide.md', line: 8, column: 9, severity: 'warning', reference: { file: 'en/guide.md', line: 8 } }]);
  });

  it('accepts identifiers kept and other emphasis added', async () => {
    expect(await findingsOf('translated-identifier/valid', 'cross/translated-identifier')).toEqual([]);
  });
});
