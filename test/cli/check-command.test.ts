import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'polyguide-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function run(args: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, cwd });
  return { code, stdout, stderr };
}

describe('polyguide check', () => {
  it('exits 1 on the seeds and prints the JSON contract with paths relative to the working directory', async () => {
    const { code, stdout } = await run(['check', 'content', '--format', 'json', '--no-cache', '--no-run']);
    expect(code).toBe(1);
    const output = JSON.parse(stdout);
    expect(output.summary).toEqual({ files: 5, guides: 2, errors: 2, warnings: 9 });
    const indentation = output.diagnostics.find((d: { rule: string }) => d.rule === 'cross/yaml-indentation');
    expect(indentation).toMatchObject({ file: 'content/ru/aws_layer7.md', line: 59, column: 1, severity: 'error', locale: 'ru', guide: 'aws_layer7', reference: { file: 'content/de/aws_layer7.md', line: 59, locale: 'de' } });
  });

  it('exits 0 on a clean guide set', async () => {
    for (const locale of ['en', 'de']) {
      mkdirSync(join(scratch, 'clean', locale), { recursive: true });
      writeFileSync(join(scratch, 'clean', locale, 'g.md'), '---\ntitle: G\n---\n\n# G {#G}\n\n```bash\nkubectl get pods\n```\n');
    }
    const { code, stdout } = await run(['check', 'clean', '--no-cache', '--no-run'], scratch);
    expect(code).toBe(0);
    expect(stdout).toContain('✔ 0 errors, 0 warnings');
  });

  it('exits 2 naming the file and line of unreadable input', async () => {
    mkdirSync(join(scratch, 'bad', 'de'), { recursive: true });
    writeFileSync(join(scratch, 'bad', 'de', 'g.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x74, 0x00, 0x0a]));
    const { code, stdout } = await run(['check', 'bad', '--no-cache', '--no-run'], scratch);
    expect(code).toBe(2);
    expect(stdout).toContain('bad/de/g.md:2:2 Unexpected NUL byte (binary data), expected UTF-8 text');
    // The JSON says so too, for a CI step that reads it rather than the terminal.
    const json = await run(['check', 'bad', '--no-cache', '--no-run', '--format', 'json'], scratch);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).unreadable).toEqual([{ file: join('bad', 'de', 'g.md'), line: 2, column: 2, rule: 'source/binary', message: 'Unexpected NUL byte (binary data), expected UTF-8 text' }]);
  });

  it('exits 2 on bad usage', async () => {
    expect((await run(['check', 'content', '--format', 'xml'])).code).toBe(2);
    expect((await run(['check', 'content', '--shard', '3/2'])).stderr).toContain('expected i/n with 1 ≤ i ≤ n');
    expect((await run(['check', 'no-such-folder'])).stderr).toContain('no such file or folder');
  });

  it('exits 2 for a path that is neither a file nor a folder (a named pipe is not waited on)', async () => {
    const pipe = join(scratch, 'pipe.md');
    execFileSync('mkfifo', [pipe]);
    const { code, stderr } = await run(['check', 'pipe.md', '--no-cache', '--no-run'], scratch);
    expect(code).toBe(2);
    expect(stderr).toContain('Cannot read pipe.md: not a regular file or folder');
  });

  it('writes GitHub annotations and SARIF', async () => {
    const github = await run(['check', 'content', '--format', 'github', '--no-cache', '--no-run']);
    expect(github.stdout).toMatch(/^::error file=content\/ru\/aws_layer7.md,line=59,col=1,/m);
    const sarif = JSON.parse((await run(['check', 'content', '--format', 'sarif', '--no-cache', '--no-run'])).stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.filter((r: { level: string }) => r.level === 'error')).toHaveLength(2);
  });
});

describe('polyguide parse', () => {
  it('prints the step model, and what reading noticed labelled warning or note, not error (exit 0)', async () => {
    mkdirSync(join(scratch, 'notes', 'de'), { recursive: true });
    writeFileSync(join(scratch, 'notes', 'de', 'g.md'), '\uFEFF---\ntitle: G\n---\n\n# G\n\n<!-- TODO\n\n```bash\nls\n');
    const { code, stdout, stderr } = await run(['parse', join('notes', 'de', 'g.md')], scratch);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).title).toBe('G');
    expect(stderr.split('\n').filter(Boolean)).toEqual([
      `${join('notes', 'de', 'g.md')}:7:1: warning: Unexpected \`<!--\` that is never closed, expected \`-->\` (what follows it, up to the end of the file or of its list item or quote, was read as raw HTML: its steps and code are not read) (source/unclosed-html-block)`,
      `${join('notes', 'de', 'g.md')}:1:1: note: Unexpected byte order mark, expected plain UTF-8 (it was ignored) (source/bom)`,
    ]);
  });

  it('shows control characters in what it prints as visible ones', async () => {
    mkdirSync(join(scratch, 'control', 'de'), { recursive: true });
    // A file name is content too: it arrives in the pull request.
    const name = 'g\u001b[2J.md';
    writeFileSync(join(scratch, 'control', 'de', name), '---\ntitle: G\n---\n\n# G\n\n<!-- left open\n');
    const { stderr } = await run(['parse', join('control', 'de', name)], scratch);
    expect(stderr).toContain(`${join('control', 'de', 'g\u241B[2J.md')}:7:1: warning: Unexpected \`<!--\` that is never closed`);
    expect(stderr).not.toMatch(/[\u0000-\u0008\u000B-\u001F]/);
  });

  it('labels a file it cannot read an error (exit 2)', async () => {
    mkdirSync(join(scratch, 'broken', 'de'), { recursive: true });
    writeFileSync(join(scratch, 'broken', 'de', 'g.md'), 'a\0b');
    const { code, stderr } = await run(['parse', join('broken', 'de', 'g.md')], scratch);
    expect(code).toBe(2);
    expect(stderr).toBe(`${join('broken', 'de', 'g.md')}:1:2: error: Unexpected NUL byte (binary data), expected UTF-8 text (source/binary)\n`);
  });
});
