/**
 * Words from content and the command line that name members of Object.prototype (`constructor`,
 * `toString`, `__proto__`…) are ordinary words: an unknown element, class, language, command,
 * subcommand or kind. Each table looked up by such words has no prototype (core/content-keys.ts);
 * before, `<constructor>` made the page unreadable, `polyguide constructor` crashed with a stack
 * trace, and messages quoted `function Object() { [native code] }`.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { buildWellFormedHtml } from '../../src/core/parse/well-formed-html.ts';
import { parseGuideFile } from '../../src/core/parse/index.ts';
import { lookupTable } from '../../src/core/content-keys.ts';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'prototype-words');
const STATE_FIXTURE = join(import.meta.dirname, 'fixtures', 'prototype-state');

async function run(args: string[], cwd = FIXTURE): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd });
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
      // `<constructor>` is an element to a browser, which hides the tag: a warning, not a crash.
      [5, 'source/unknown-tag'],
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

  it('an output format named like one is bad usage (exit 2), not a crash', async () => {
    for (const name of ['constructor', 'toString', '__proto__', 'valueOf']) {
      const { code, stderr } = await run(['check', '.', '--format', name, '--no-cache', '--no-run']);
      expect(code, name).toBe(2);
      expect(stderr).toContain(`unknown --format \`${name}\``);
    }
  });

  it('a command named like one is bad usage (exit 2), not a crash', async () => {
    for (const name of ['constructor', 'toString', '__proto__']) {
      const { code, stderr } = await run([name]);
      expect(code, name).toBe(2);
      expect(stderr).toContain(`unknown command \`${name}\``);
    }
  });
});

/**
 * Names chosen by guides (ids, variables, namespaces, repositories, data keys, `--set` paths) are
 * stored in records without a prototype or with own properties: before, `--set __proto__.ghost=1`
 * and a guide id `__proto__` wrote into Object.prototype for the whole process, and
 * `gcloud config get-value constructor` crashed the check.
 */
describe('names chosen by guides, named like Object.prototype members', () => {
  it('are stored as names: no finding from Object.prototype, nothing written into it', async () => {
    const { code, stdout } = await run(['check', '.', '--format', 'json', '--no-cache'], STATE_FIXTURE);
    expect(code).toBe(1);
    expect(({} as Record<string, unknown>).ghost).toBeUndefined();
    expect(({} as Record<string, unknown>).en).toBeUndefined();
    const findings = (JSON.parse(stdout) as { diagnostics: Array<Finding & { file: string }> }).diagnostics;
    expect(findings.map((finding) => finding.message).join('\n')).not.toContain('native code');
    expect(findings.map((finding) => [finding.file, finding.line, finding.rule])).toEqual([
      // The key is compared as a key.
      ['de/drift.md', 12, 'cross/code-drift'],
      // The guide with id `__proto__` did not make namespace `en` exist.
      ['en/namespace.md', 9, 'run/unknown-namespace'],
      // `$toString` is an unset variable; `export hasOwnProperty` sets one.
      ['en/run.md', 10, 'run/unset-variable'],
      // Repository `constructor` is added like any other; `toString` was never added.
      ['en/run.md', 18, 'run/unknown-repo'],
      // `--set __proto__.ghost=1` did not make namespace `ghost` exist.
      ['en/run.md', 23, 'run/unknown-namespace'],
    ]);
    expect(findings[0]!.message).toBe('Unexpected key `konstruktor`, expected key `constructor` as in the en reference');
    expect(findings[4]!.message).toContain('`constructor`)');
  });
});
