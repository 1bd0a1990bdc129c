import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPaths } from '../../src/check/index.ts';

const CONTENT = join(import.meta.dirname, '..', '..', 'content');
const scratch = mkdtempSync(join(tmpdir(), 'polyguide-check-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('checkPaths over the seeds', () => {
  it('gives the same result in worker threads as in-process', async () => {
    const inProcess = await checkPaths([CONTENT], { cache: false, workers: 1, run: false });
    const threaded = await checkPaths([CONTENT], { cache: false, workers: 2, run: false });
    expect(threaded.diagnostics).toEqual(inProcess.diagnostics);
    expect(threaded.summary).toEqual({ files: 5, guides: 2, errors: 2, warnings: 9 });
  });

  it('checks a translation named alone against its guide in the other locales, reporting only on it', async () => {
    const whole = await checkPaths([CONTENT], { cwd: join(CONTENT, '..'), cache: false, workers: 1, run: false });
    const alone = await checkPaths([join(CONTENT, 'ru', 'aws_layer7.md')], { cwd: join(CONTENT, '..'), cache: false, workers: 1, run: false });
    expect(alone.summary).toEqual({ files: 1, guides: 1, errors: 2, warnings: 2 });
    expect(alone.diagnostics).toEqual(whole.diagnostics.filter((d) => d.file === 'content/ru/aws_layer7.md'));
    expect(alone.diagnostics.find((d) => d.rule === 'cross/yaml-indentation')?.reference).toEqual({ file: 'content/de/aws_layer7.md', line: 59, locale: 'de' });
    expect(Object.keys(alone.verdicts)).toEqual(['content/ru/aws_layer7.md']);
    const folder = await checkPaths([join(CONTENT, 'de')], { cwd: join(CONTENT, '..'), cache: false, workers: 1, run: false });
    expect(folder.diagnostics).toEqual(whole.diagnostics.filter((d) => d.file.startsWith('content/de/')));
    expect(folder.summary).toEqual({ files: 2, guides: 2, errors: 0, warnings: whole.diagnostics.filter((d) => d.file.startsWith('content/de/') && d.severity === 'warning').length });
  });

  it('names no other locale when the guide has none', async () => {
    const root = join(scratch, 'single');
    mkdirSync(join(root, 'de'), { recursive: true });
    cpSync(join(CONTENT, 'de', 'aws_layer7.md'), join(root, 'de', 'aws_layer7.md'));
    const alone = await checkPaths([join(root, 'de', 'aws_layer7.md')], { cwd: scratch, cache: false, workers: 1, run: false });
    expect(alone.summary).toEqual({ files: 1, guides: 1, errors: 0, warnings: 0 });
  });

  it('checks sets side by side in one thread while they wait for real tools, with the same result as workers', async () => {
    const inProcess = await checkPaths([CONTENT], { cache: false, workers: 1, run: true });
    const threaded = await checkPaths([CONTENT], { cache: false, workers: 2, run: true });
    expect(inProcess.diagnostics).toEqual(threaded.diagnostics);
    expect(inProcess.diagnostics.some((d) => d.rule.startsWith('run/'))).toBe(true);
  });

  it('answers from the content-hash cache and notices an edit', async () => {
    const root = join(scratch, 'content');
    cpSync(CONTENT, root, { recursive: true });
    const cache = join(scratch, 'cache');
    const first = await checkPaths([root], { cwd: scratch, cache, run: false });
    const second = await checkPaths([root], { cwd: scratch, cache, run: false });
    expect(second).toEqual(first);
    // Fix the ru Ingress indentation: the errors must go, so the cache cannot have answered.
    const de = join(root, 'de', 'aws_layer7.md');
    writeFileSync(join(root, 'ru', 'aws_layer7.md'), (await import('node:fs')).readFileSync(de, 'utf8'));
    const third = await checkPaths([root], { cwd: scratch, cache, run: false });
    expect(third.summary.errors).toBe(0);
    expect(first.summary.errors).toBe(2);
  });

  it('splits guides into deterministic shards that cover everything once', async () => {
    const all = await checkPaths([CONTENT], { cache: false, run: false, workers: 1 });
    const shards = await Promise.all([1, 2].map((index) => checkPaths([CONTENT], { cache: false, run: false, workers: 1, shard: { index, count: 2 } })));
    expect(shards.map((s) => s.summary.guides).reduce((a, b) => a + b)).toBe(all.summary.guides);
    expect(shards.flatMap((s) => s.diagnostics).sort((a, b) => (a.file + a.line + a.rule).localeCompare(b.file + b.line + b.rule))).toEqual(
      [...all.diagnostics].sort((a, b) => (a.file + a.line + a.rule).localeCompare(b.file + b.line + b.rule)),
    );
    const again = await checkPaths([CONTENT], { cache: false, run: false, workers: 1, shard: { index: 1, count: 2 } });
    expect(again.diagnostics).toEqual(shards[0]!.diagnostics);
  });

  it('shares many sets between the main thread and a worker, in job order, with unreadable files named', async () => {
    const root = join(scratch, 'many');
    for (const locale of ['de', 'ru', 'pt', 'id']) {
      mkdirSync(join(root, locale), { recursive: true });
      const seed = readFileSync(join(CONTENT, locale, 'aws_layer7.md'));
      for (let copy = 0; copy < 15; copy++) writeFileSync(join(root, locale, `guide-${copy}.md`), seed);
    }
    // Too large to read whole (only its first 2 MB + 1 byte are read) and binary.
    writeFileSync(join(root, 'de', 'huge.md'), Buffer.alloc(3 * 1024 * 1024, 0x61));
    writeFileSync(join(root, 'ru', 'guide-3.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00]));
    const inProcess = await checkPaths([root], { cwd: scratch, cache: false, workers: 1, run: false });
    const shared = await checkPaths([root], { cwd: scratch, cache: false, workers: 2, run: false });
    expect(shared).toEqual(inProcess);
    expect(inProcess.summary.guides).toBe(16);
    // Every copy of the ru Ingress is reported, except the one that is now binary.
    expect(inProcess.diagnostics.filter((d) => d.rule === 'yaml/syntax').map((d) => d.file)).toHaveLength(14);
    expect(inProcess.unreadable).toEqual([
      { file: join('many', 'de', 'huge.md'), line: 1, column: 1, rule: 'source/too-large', message: 'Unexpected file of 3.0 MB, expected at most 2 MB (a guide is far smaller; larger files are refused, not parsed)' },
      { file: join('many', 'ru', 'guide-3.md'), line: 2, column: 1, rule: 'source/binary', message: 'Unexpected NUL byte (binary data), expected UTF-8 text' },
    ]);
  });
});

describe('findings told once', () => {
  it('an unclosed link the HTML parser reopens in every block after it is one finding, not one per copy', async () => {
    const root = join(scratch, 'reopened');
    mkdirSync(join(root, 'en'), { recursive: true });
    writeFileSync(join(root, 'en', 'page.md'), '---\nid: page.md\ntitle: Page\n---\n<h1 id="Page">Page</h1><p>See <a href="#nowhere">the steps.</p>\n<p>One.</p>\n<p>Two.</p>\n<ul><li>Three.</li></ul>\n');
    const result = await checkPaths([root], { cwd: scratch, cache: false, workers: 1, run: false });
    expect(result.diagnostics.filter((d) => d.rule === 'links/anchor').map((d) => [d.line, d.column])).toEqual([[5, 31]]);
  });
});
