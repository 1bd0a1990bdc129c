/**
 * Words from content and the command line that name members of Object.prototype (`constructor`,
 * `toString`, `__proto__`…) are ordinary words: an unknown element, class, language, command,
 * subcommand or kind. Each table looked up by such words has no prototype (core/lookup-table.ts);
 * before, `<constructor>` made the page unreadable, `polyguide constructor` crashed with a stack
 * trace, and messages quoted `function Object() { [native code] }`.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { buildWellFormedHtml } from '../../src/core/parse/well-formed-html.ts';
import { parseGuideFile } from '../../src/core/parse/index.ts';
import { lookupTable } from '../../src/core/lookup-table.ts';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'prototype-words');

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd: FIXTURE });
  return { code, stdout, stderr };
}

interface Finding {
  line: number;
  rule: string;
  message: string;
}

describe('words named like Object.prototype members', () => {
  it('a lookup table finds none of them', () => {
    const table = lookupTable({ get: 1 });
    for (const word of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      expect(table[word], word).toBeUndefined();
      expect(word in table, word).toBe(false);
    }
    expect(table.get).toBe(1);
  });

  it('an element named `constructor` holding markup is built as an unknown element', () => {
    const tree = buildWellFormedHtml('<p><constructor><b>x</b></constructor></p>');
    expect(tree?.children[0]).toMatchObject({ tagName: 'p', children: [{ tagName: 'constructor', children: [{ tagName: 'b' }] }] });
  });

  it('a class or language named like one is an ordinary note and an unknown language', async () => {
    const { guide } = await parseGuideFile(join(FIXTURE, 'en', 'words.md'));
    const steps = guide.sections.flatMap((section) => section.steps);
    expect(steps.find((step) => step.kind === 'aside')).toMatchObject({ variant: 'note' });
    expect(steps.filter((step) => step.kind === 'code').slice(0, 2).map((step) => step.kind === 'code' && [step.lang, step.language])).toEqual([
      ['constructor', 'other'],
      ['toString', 'other'],
    ]);
  });

  it('commands, subcommands and kinds named like one are reported as unknown', async () => {
    const { code, stdout } = await run(['check', '.', '--format', 'json', '--no-cache']);
    // `kubectl constructor` is an unknown kubectl subcommand: an error.
    expect(code).toBe(1);
    const findings = (JSON.parse(stdout) as { diagnostics: Finding[] }).diagnostics;
    expect(findings.map((finding) => finding.message).join('\n')).not.toContain('native code');
    expect(findings.map((finding) => [finding.line, finding.rule])).toEqual([
      [11, 'run/unsupported-command'],
      [12, 'run/unsupported-command'],
      [13, 'run/unsupported-command'],
      [14, 'run/unsupported-command'],
      [15, 'run/unsupported-command'],
      [16, 'run/unknown-command'],
      [17, 'run/unknown-command'],
      [18, 'run/unknown-command'],
      [19, 'run/unknown-resource'],
      [22, 'kubernetes/unchecked-kind'],
      [27, 'kubernetes/unchecked-kind'],
      [31, 'run/unsupported-command'],
      [32, 'run/unsupported-command'],
    ]);
    expect(findings.find((finding) => finding.line === 17)!.message).toContain('helm subcommand `constructor`');
    expect(findings.find((finding) => finding.line === 32)!.message).toContain('`aws acm __proto__`');
  });

  it('a command named like one is bad usage (exit 2), not a crash', async () => {
    for (const name of ['constructor', 'toString', '__proto__']) {
      const { code, stderr } = await run([name]);
      expect(code, name).toBe(2);
      expect(stderr).toContain(`unknown command \`${name}\``);
    }
  });
});
