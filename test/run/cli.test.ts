import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const ROOT = resolve(import.meta.dirname, '../..');

async function cli(args: string[], cwd = ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) }, cwd });
  return { code, stdout, stderr };
}

describe('polyguide run (usage)', () => {
  it('prints help with exit 0', async () => {
    const { code, stdout } = await cli(['run', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: polyguide run <guide>/);
    expect(stdout).toMatch(/Exit status: 0 no errors, 1 a step failed with an error, 2 bad usage or unreadable input/);
  });

  it('exits 2 on bad usage: no guide, unknown id, unknown locale, ambiguous id, bad format, both locale options', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['run'], /expected a guide/],
      [['run', 'nope'], /no guide nope\.md under content\/<locale>\//],
      [['run', 'gcp_layer7', '--locale', 'ru'], /guide gcp_layer7\.md has no locale ru \(it exists in de\)/],
      [['run', 'aws_layer7'], /exists in de, id, pt, ru: pass --locale L or --all-locales/],
      [['run', 'gcp_layer7', '--format', 'xml'], /unknown --format `xml`, expected pretty or json/],
      [['run', 'aws_layer7', '--locale', 'de', '--all-locales'], /either --locale or --all-locales/],
      [['run', 'gcp_layer7', '--frobnicate'], /Unknown option '--frobnicate'/],
      [['run', 'gcp_layer7', '--time-limit', '0'], /expected seconds between 1 and 600/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await cli(args);
      expect([args.join(' '), code]).toEqual([args.join(' '), 2]);
      expect(stderr).toMatch(message);
    }
  });

  it('runs a file path, or a path in another locale with --locale, with the pretty format', async () => {
    const byPath = await cli(['run', 'content/de/aws_layer7.md']);
    expect(byPath.code).toBe(0);
    expect(byPath.stdout).toMatch(/^content\/de\/aws_layer7\.md {2}aws_layer7 \[de\]\n/);
    expect(byPath.stdout).toMatch(/✔ 7 steps: 1 ran, 5 simulated, 1 skipped, 0 failed — 0 errors, 0 warnings, 5 info\n/);
    const other = await cli(['run', 'content/de/aws_layer7.md', '--locale', 'ru']);
    expect(other.code).toBe(1);
    expect(other.stdout).toMatch(/^content\/ru\/aws_layer7\.md/);
  });

  it('shows the control characters of a guide as visible ones in its report, never sends them to the terminal', async () => {
    const root = mkdtempSync(join(tmpdir(), 'polyguide-run-cli-'));
    mkdirSync(join(root, 'de'), { recursive: true });
    writeFileSync(join(root, 'de', 'g.md'), '---\ntitle: G\n---\n\n# G\n\n```bash\necho "\u001b[2J\u001b]0;pwned\u0007"\n```\n');
    const { stdout } = await cli(['run', join('de', 'g.md')], root);
    expect(stdout).toContain('echo "\u241B[2J\u241B]0;pwned\u2407"');
    expect(stdout).not.toMatch(/[\u0000-\u0008\u000B-\u001F]/);
  });

  it('looks ids up under --root', async () => {
    const { code, stdout } = await cli(['run', 'gcp_layer7', '--root', 'content', '--format', 'json'], ROOT);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).reports[0].guide).toEqual({ id: 'gcp_layer7', locale: 'de', file: 'content/de/gcp_layer7.md', title: expect.any(String) });
  });
});
