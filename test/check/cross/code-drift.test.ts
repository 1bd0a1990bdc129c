import { describe, expect, it } from 'vitest';
import { brief, findingsOf } from './check-fixture.ts';

describe('cross/code-drift', () => {
  it('reports a changed argument as an error at the word, with the reference', async () => {
    const findings = await findingsOf('code-drift/invalid', 'cross/code-drift');
    expect(findings.map(brief)).toEqual([{ file: 'de/guide.md', line: 11, column: 18, severity: 'error', reference: { file: 'en/guide.md', line: 11 } }]);
    expect(findings[0]!.message).toBe('Unexpected `eingang.yaml`, expected `ingress.yaml` as in the en reference');
  });

  it('ignores translated comments and quoting that keeps the words (cosmetic: info only)', async () => {
    const findings = await findingsOf('code-drift/valid', 'cross/code-drift');
    expect(findings.map(brief)).toEqual([{ file: 'de/guide.md', line: 11, column: 1, severity: 'info', reference: { file: 'en/guide.md', line: 11 } }]);
  });

  it('reports unlabelled text that keeps its words but not its lines as cosmetic (info)', async () => {
    const findings = await findingsOf('code-drift/layout', 'cross/code-drift');
    expect(findings.map(brief)).toEqual([{ file: 'de/guide.md', line: 11, column: 1, severity: 'info', reference: { file: 'en/guide.md', line: 11 } }]);
    expect(findings[0]!.message).toBe('Unexpected 1 line, expected 4 lines as in the en reference (the same words, with line breaks or spacing changed)');
  });

  it('names the first line whose spacing changed when the line count is kept', async () => {
    const findings = await findingsOf('code-drift/layout-indent', 'cross/code-drift');
    expect(findings.map(brief)).toEqual([{ file: 'de/guide.md', line: 11, column: 1, severity: 'info', reference: { file: 'en/guide.md', line: 11 } }]);
    expect(findings[0]!.message).toBe('Unexpected `└── backup.yaml`, expected `     └── backup.yaml` as in the en reference (the same words, with line breaks or spacing changed)');
  });

  it('reports a changed word in unlabelled text as a warning', async () => {
    const findings = await findingsOf('code-drift/layout-words', 'cross/code-drift');
    expect(findings.map(brief)).toEqual([{ file: 'de/guide.md', line: 13, column: 1, severity: 'warning', reference: { file: 'en/guide.md', line: 11 } }]);
    expect(findings[0]!.message).toBe('Unexpected `└── konfiguration`, expected `└── configs` as in the en reference');
  });
});

describe('cross/code-drift in Python', () => {
  it('shows the code that differs, placed on it, not the parser\'s tokens (found by fuzzing: `VariableName:"collection_name"`)', async () => {
    const findings = await findingsOf('code-drift/python', 'cross/code-drift');
    expect(findings.map(brief)).toEqual([
      { file: 'de/guide.md', line: 9, column: 26, severity: 'error', reference: { file: 'en/guide.md', line: 9 } },
      { file: 'de/guide.md', line: 15, column: 70, severity: 'warning', reference: { file: 'en/guide.md', line: 15 } },
    ]);
    expect(findings.map((finding) => finding.message)).toEqual([
      'Unexpected `sammlung_name`, expected `collection_name` as in the en reference',
      'Unexpected value `5`, expected `3` as in the en reference',
    ]);
  });
});

describe('cross/code-drift values', () => {
  it('reports a different version as a warning', async () => {
    const findings = await findingsOf('value-drift/invalid', 'cross/code-drift');
    expect(findings.map(brief)).toEqual([{ file: 'de/guide.md', line: 9, column: 43, severity: 'warning', reference: { file: 'en/guide.md', line: 9 } }]);
    expect(findings[0]!.message).toBe('Unexpected value `4.1.2`, expected `4.1.9` as in the en reference');
  });

  it('is silent when the values match', async () => {
    expect(await findingsOf('value-drift/valid', 'cross/code-drift')).toEqual([]);
  });
});
