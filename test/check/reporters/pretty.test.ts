import { describe, expect, it } from 'vitest';
import { formatPretty } from '../../../src/check/reporters/pretty.ts';
import { sampleResult } from './sample-result.ts';

const ruText = Array.from({ length: 60 }, (_, i) => (i === 55 ? 'spec:' : i === 56 ? 'ingressClassName: alb' : `line ${i + 1}`)).join('\n');

describe('pretty reporter', () => {
  it('shows each finding with a code frame and a short diff against the reference', () => {
    const output = formatPretty(sampleResult, { color: false, readText: (file) => (file.includes('/ru/') ? ruText : null) });
    expect(output).toMatchInlineSnapshot(`
      "content/ru/aws_layer7.md
        57:1  error  Unexpected indentation of 0 spaces before \`ingressClassName: alb\`, expected 2 spaces as in the de reference  cross/yaml-indentation
        reference: content/de/aws_layer7.md:57 (de)
            56 | spec:
          > 57 | ingressClassName: alb
               | ^
            58 | line 58
          --- de
          +++ ru
          -   ingressClassName: alb
          + ingressClassName: alb

      content/pt/aws_layer7.md
        95:5  warning  Unexpected \`nome_do_servidor\`, expected \`server_name\`, with: comma  cross/translated-identifier
        reference: content/de/aws_layer7.md:95 (de)

      ✖ 1 error, 1 warning, 1 info in 5 files (2 guides)
      "
    `);
  });

  it('clips long lines to a window around the column, caret still on the finding', () => {
    const paragraph = `<p>${'Ein langer Satz über Sammlungen. '.repeat(20)}Ersetzen Sie <strong>Gastgeber</strong> durch Ihren eigenen.${' Noch mehr Text.'.repeat(10)}</p>`;
    const column = paragraph.indexOf('<strong>') + 1;
    const text = ['---', 'title: x', '---', '<h2 id="a">A</h2>', paragraph, '<pre><code>x</code></pre>'].join('\n');
    const result = { ...sampleResult, diagnostics: [{ ...sampleResult.diagnostics[1]!, file: 'de/guide.md', line: 5, column }] };
    const output = formatPretty(result, { color: false, readText: () => text });
    const frame = output.split('\n').filter((line) => /^\s+(>?\s*\d+ \||\|)/.test(line));
    expect(frame).toHaveLength(4);
    const [before, finding, caret, after] = frame as [string, string, string, string];
    expect(before).toMatch(/4 \| …$/);
    expect(finding).toBe('    > 5 | …nger Satz über Sammlungen. Ersetzen Sie <strong>Gastgeber</strong> durch Ihren eigenen. Noch mehr Te…');
    expect(finding.charAt(caret.indexOf('^'))).toBe('<');
    expect(after).toMatch(/6 \| …$/);
  });

  it('shows the control characters of a guide as visible ones, never sends them to the terminal', () => {
    // An escape sequence that clears the screen and retitles the terminal, a bell, a bidi override.
    const hostile = 'key: [\u001b[2J\u001b]0;pwned\u0007 \u202Eevil';
    const text = ['---', 'title: x', '---', '```yaml', hostile, '```'].join('\n');
    const finding = { ...sampleResult.diagnostics[0]!, file: 'de/\u001b[31mguide.md', line: 5, column: hostile.indexOf('\u202E') + 1, message: `Unexpected \`${hostile}\`\nsecond line`, expected: hostile, actual: 'key: [' };
    const output = formatPretty({ ...sampleResult, diagnostics: [finding] }, { color: false, readText: () => text });
    expect(output).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
    expect(output).toContain('de/\u241B[31mguide.md');
    expect(output).toContain('Unexpected `key: [\u241B[2J\u241B]0;pwned\u2407 \uFFFDevil`\u240Asecond line');
    const frame = output.split('\n').filter((line) => /^\s+(>?\s*\d+ \||\|)/.test(line));
    const [, shown, caret] = frame as [string, string, string];
    expect(shown.charAt(caret.indexOf('^'))).toBe('\uFFFD');
    expect(output).toContain('- key: [\u241B[2J');
  });

  it('shows info findings only when verbose', () => {
    expect(formatPretty(sampleResult, { color: false })).not.toContain('`Host`');
    expect(formatPretty(sampleResult, { color: false, verbose: true })).toContain('95:3  info  Unexpected `Host`, expected `host`');
  });
});
