/**
 * The `polyguide` command runs from a bundle of its sources (scripts/cli-bundle.mjs). The bundle
 * must answer exactly as the sources do, find the files its modules locate beside themselves (the
 * shell parser's WebAssembly, the Kubernetes models), and never be used once an input changed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as sourceMain } from '../../src/cli/main.ts';
// @ts-expect-error: plain JavaScript module without declarations
import { buildBundle, currentBundle } from '../../scripts/cli-bundle.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const CONTENT = join(ROOT, 'content');

type Main = typeof sourceMain;

async function run(main: Main, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) }, cwd: ROOT });
  return { code, stdout, stderr };
}

describe('the bundled command', () => {
  let cache: string;
  let entry: string;
  let bundledMain: Main;

  beforeAll(async () => {
    cache = mkdtempSync(join(tmpdir(), 'polyguide-bundle-'));
    entry = (await buildBundle(cache)) as string;
    bundledMain = ((await import(pathToFileURL(entry).href)) as { main: Main }).main;
  }, 60_000);

  afterAll(() => rmSync(cache, { recursive: true, force: true }));

  it('is built into the cache folder and named by its pointer', () => {
    expect(entry.startsWith(cache)).toBe(true);
    expect(currentBundle(cache)).toBe(entry);
  });

  it('checks content/ exactly as the sources do, YAML schemas and shell syntax included', async () => {
    const args = ['check', CONTENT, '--no-cache', '--no-run', '--format', 'json'];
    const fromSources = await run(sourceMain, args);
    const fromBundle = await run(bundledMain, args);
    expect(fromBundle).toEqual(fromSources);
    const rules = new Set((JSON.parse(fromBundle.stdout) as { diagnostics: Array<{ rule: string }> }).diagnostics.map((d) => d.rule));
    // The seeds' broken Ingress and translated identifiers: the bundle ran the real checkers.
    expect(rules).toContain('cross/yaml-indentation');
    expect(rules).toContain('cross/translated-identifier');
    expect(fromBundle.code).toBe(1);
  }, 60_000);

  it('loads sh-syntax and the Kubernetes models from node_modules', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'polyguide-bundle-shell-'));
    try {
      // 185 kB (quoted words, so the parser is asked): our reuse of sh-syntax's WebAssembly fails on
      // it, and sh-syntax's own parse (which reads its WebAssembly from beside its module) is asked next.
      const large = Array.from({ length: 5_000 }, (_, index) => `openssl rand -hex 8 -out "r${index}.txt"`).join('\n');
      const manifest = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: three\n';
      writeFileSync(join(folder, 'guide.md'), `---\nid: guide\ntitle: Guide\n---\n\n# Guide\n\n\`\`\`bash\necho "unterminated\n\`\`\`\n\n\`\`\`yaml\n${manifest}\`\`\`\n\n\`\`\`bash\n${large}\n\`\`\`\n`);
      const args = ['check', join(folder, 'guide.md'), '--no-cache', '--no-run', '--format', 'json'];
      const fromBundle = await run(bundledMain, args);
      expect(fromBundle).toEqual(await run(sourceMain, args));
      const diagnostics = (JSON.parse(fromBundle.stdout) as { diagnostics: Array<{ rule: string; line: number }> }).diagnostics;
      expect(diagnostics.map((d) => [d.rule, d.line])).toContainEqual(['shell/syntax', 9]);
      expect(diagnostics.map((d) => d.rule)).toContain('kubernetes/schema');
      expect(diagnostics.filter((d) => d.rule === 'shell/syntax').map((d) => (d as { severity?: string }).severity)).toEqual(['error', 'info']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);

  it('is not used once an input changed size or time, or went away, or Node changed', () => {
    const pointerFile = join(cache, 'current.json');
    const original = readFileSync(pointerFile, 'utf8');
    const pointer = JSON.parse(original) as { node: string; inputs: Array<[string, number, number]> };
    const ours = pointer.inputs.findIndex(([file]) => file.endsWith('/src/check/engine.ts'));
    expect(ours).toBeGreaterThanOrEqual(0);
    const variants: Array<(copy: typeof pointer) => void> = [
      (copy) => void (copy.inputs[ours]![1] += 1),
      (copy) => void (copy.inputs[ours]![2] -= 1000),
      (copy) => void (copy.inputs[ours]![0] = join(cache, 'gone.ts')),
      (copy) => void (copy.node = 'v0.0.0'),
    ];
    try {
      for (const change of variants) {
        const copy = JSON.parse(original) as typeof pointer;
        change(copy);
        writeFileSync(pointerFile, JSON.stringify(copy));
        expect(currentBundle(cache)).toBeNull();
      }
    } finally {
      writeFileSync(pointerFile, original);
    }
    expect(currentBundle(cache)).toBe(entry);
  });

  it('lists the sources and the dependencies it was built from', () => {
    const pointer = JSON.parse(readFileSync(join(cache, 'current.json'), 'utf8')) as { inputs: Array<[string, number, number]> };
    const files = pointer.inputs.map(([file]) => file);
    expect(files).toContain(join(ROOT, 'src', 'cli', 'main.ts'));
    expect(files.some((file) => file.includes('/node_modules/yaml/'))).toBe(true);
    // Loaded from node_modules at run time, so not inputs.
    expect(files.some((file) => file.includes('/node_modules/sh-syntax/'))).toBe(false);
  });
});

describe('the polyguide entry', () => {
  it('answers the same with and without the bundle', () => {
    const script = join(ROOT, 'scripts', 'polyguide.mjs');
    const args = [script, 'check', CONTENT, '--no-cache', '--no-run', '--format', 'json'];
    const bundled = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, POLYGUIDE_BUNDLE: '' } });
    const sources = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, POLYGUIDE_BUNDLE: '0' } });
    expect(bundled.stderr).toBe('');
    expect(bundled.status).toBe(1);
    expect({ status: bundled.status, stdout: bundled.stdout }).toEqual({ status: sources.status, stdout: sources.stdout });
    // The run made (or found) the bundle for the files on disk.
    expect(currentBundle()).not.toBeNull();
  }, 60_000);
});
