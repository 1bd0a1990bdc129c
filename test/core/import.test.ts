/**
 * `polyguide import`: Milvus pages in, `<out>/<locale>/<guide>.md` out, safe to run again.
 * Through importGuides, and through the CLI in-process (`main` with a fake io) for exit codes:
 * 0 written or unchanged, 1 a target kept because it has other content, 2 unreadable input.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { importGuides, type ImportResult } from '../../src/core/import/import-files.ts';
import { milvusPageToMarkdown } from '../../src/core/import/to-markdown.ts';
import { parseGuideFile, parseGuideSource } from '../../src/core/parse/index.ts';
import { guideShape } from '../../src/core/shape.ts';
import { readSource, SourceError } from '../../src/core/source.ts';

const SEEDS = join(import.meta.dirname, 'fixtures', 'seeds');
const DE_AWS = join(SEEDS, '000_cfae199357c8dcdb.txt');
const RU_AWS = join(SEEDS, '001_e2bcb6a71ee00fa4.txt');
const PT_AWS = join(SEEDS, '003_8734e46e9f084303.txt');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'polyguide-import-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A Milvus-style tree: <dir>/pages/<locale>/<name>. */
async function pages(entries: Array<[locale: string, name: string, from: string | Uint8Array]>): Promise<string> {
  const root = join(dir, 'pages');
  for (const [locale, name, from] of entries) {
    await mkdir(join(root, locale), { recursive: true });
    if (typeof from === 'string') await copyFile(from, join(root, locale, name));
    else await writeFile(join(root, locale, name), from);
  }
  return root;
}

/** Every file under a folder, relative and sorted (temporary files included). */
async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)))
    .sort();
}

const statuses = (results: ImportResult[]) => results.map((result) => [result.status, result.target]);

describe('importGuides', () => {
  it('writes <out>/<locale>/<path>.md with the locale from the path, Markdown that reads back to the same guide', async () => {
    const root = await pages([
      ['de', 'aws_layer7.md', DE_AWS],
      ['ru', 'aws_layer7.md', RU_AWS],
    ]);
    const results = await importGuides([root], { out: 'content', cwd: dir });
    expect(statuses(results)).toEqual([
      ['written', join('content', 'de', 'aws_layer7.md')],
      ['written', join('content', 'ru', 'aws_layer7.md')],
    ]);
    expect(await listFiles(join(dir, 'content'))).toEqual([join('de', 'aws_layer7.md'), join('ru', 'aws_layer7.md')]);
    for (const locale of ['de', 'ru']) {
      const written = await readFile(join(dir, 'content', locale, 'aws_layer7.md'), 'utf8');
      const source = await readSource(join(root, locale, 'aws_layer7.md'));
      expect(written).toBe(milvusPageToMarkdown(source));
      const fromMarkdown = await parseGuideFile(join(dir, 'content', locale, 'aws_layer7.md'));
      expect(fromMarkdown.guide.format).toBe('markdown');
      expect(fromMarkdown.guide.locale).toBe(locale);
      expect(guideShape(fromMarkdown.guide)).toEqual(guideShape(parseGuideSource(source).guide));
    }
  });

  it('running twice gives `unchanged` and leaves the files alone', async () => {
    const root = await pages([['pt', 'aws_layer7.md', PT_AWS]]);
    await importGuides([root], { out: 'content', cwd: dir });
    const target = join(dir, 'content', 'pt', 'aws_layer7.md');
    const before = await stat(target);
    const text = await readFile(target, 'utf8');
    const again = await importGuides([root], { out: 'content', cwd: dir });
    expect(statuses(again)).toEqual([['unchanged', join('content', 'pt', 'aws_layer7.md')]]);
    expect(await readFile(target, 'utf8')).toBe(text);
    expect((await stat(target)).mtimeMs).toBe(before.mtimeMs);
  });

  it('keeps an edited target (`conflict`) unless force, which rewrites it', async () => {
    const root = await pages([['de', 'aws_layer7.md', DE_AWS]]);
    await importGuides([root], { out: 'content', cwd: dir });
    const target = join(dir, 'content', 'de', 'aws_layer7.md');
    const original = await readFile(target, 'utf8');
    const edited = original.replace('## ', '## Edited by a translator: ');
    await writeFile(target, edited);

    const kept = await importGuides([root], { out: 'content', cwd: dir });
    expect(statuses(kept)).toEqual([['conflict', join('content', 'de', 'aws_layer7.md')]]);
    expect(await readFile(target, 'utf8')).toBe(edited);

    const forced = await importGuides([root], { out: 'content', cwd: dir, force: true });
    expect(statuses(forced)).toEqual([['written', join('content', 'de', 'aws_layer7.md')]]);
    expect(await readFile(target, 'utf8')).toBe(original);
    expect(await listFiles(join(dir, 'content'))).toEqual([join('de', 'aws_layer7.md')]);
  });

  it('takes the locale from the option for a page outside a locale folder, naming it by its front matter id', async () => {
    const results = await importGuides([RU_AWS], { out: 'content', locale: 'ru', cwd: dir });
    expect(statuses(results)).toEqual([['written', join('content', 'ru', 'aws_layer7.md')]]);
    const guide = (await parseGuideFile(join(dir, 'content', 'ru', 'aws_layer7.md'))).guide;
    expect(guide.id).toBe('aws_layer7');
    expect(guide.locale).toBe('ru');
  });

  it('fails clearly for a page with no locale in its path and no option, writing nothing', async () => {
    const results = await importGuides([DE_AWS], { out: 'content', cwd: dir });
    expect(results).toHaveLength(1);
    expect(results[0]!.status).toBe('failed');
    expect(results[0]!.target).toBeNull();
    const error = results[0]!.error as SourceError;
    expect(error).toBeInstanceOf(SourceError);
    expect(error.ruleId).toBe('import/no-locale');
    expect(error.file).toBe(DE_AWS);
    expect(error.reason).toBe('Unexpected file outside a locale folder, expected a path like `<root>/<locale>/…` or `--locale`');
    expect(await listFiles(dir)).toEqual([]);
  });

  it('leaves no file, partial or temporary, for a page that fails, and still imports the others', async () => {
    const root = await pages([
      ['de', 'aws_layer7.md', DE_AWS],
      ['de', 'broken.md', Uint8Array.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01])],
      ['de', 'notes.md', new TextEncoder().encode('---\nid: notes.md\n---\n# Already Markdown\n')],
    ]);
    const results = await importGuides([root], { out: 'content', cwd: dir });
    expect(results.map((result) => [result.source.split(/[\\/]/).pop(), result.status, (result.error as SourceError | undefined)?.ruleId ?? null])).toEqual([
      ['aws_layer7.md', 'written', null],
      ['broken.md', 'failed', 'source/binary'],
      ['notes.md', 'failed', 'import/not-html'],
    ]);
    expect(await listFiles(join(dir, 'content'))).toEqual([join('de', 'aws_layer7.md')]);
  });

  it('leaves no temporary file when the target cannot be written, and keeps what was there', async () => {
    const root = await pages([
      ['de', 'aws_layer7.md', DE_AWS],
      ['ru', 'aws_layer7.md', RU_AWS],
    ]);
    // content/de is a file, so content/de/aws_layer7.md cannot be created; content/ru works.
    await mkdir(join(dir, 'content'));
    await writeFile(join(dir, 'content', 'de'), 'not a folder');
    const results = await importGuides([root], { out: 'content', cwd: dir });
    expect(results.map((result) => result.status)).toEqual(['failed', 'written']);
    expect(String(results[0]!.error)).toMatch(/ENOTDIR|EEXIST/);
    expect(await readFile(join(dir, 'content', 'de'), 'utf8')).toBe('not a folder');
    expect(await listFiles(join(dir, 'content'))).toEqual(['de', join('ru', 'aws_layer7.md')]);
  });

  it('refuses a second page for the same target instead of overwriting the first', async () => {
    const results = await importGuides([RU_AWS, PT_AWS], { out: 'content', locale: 'pt', cwd: dir });
    expect(results.map((result) => result.status)).toEqual(['written', 'failed']);
    expect((results[1]!.error as SourceError).ruleId).toBe('import/duplicate-target');
    const written = await readFile(join(dir, 'content', 'pt', 'aws_layer7.md'), 'utf8');
    expect(written).toBe(milvusPageToMarkdown(await readSource(RU_AWS)));
  });
});

describe('polyguide import (CLI, in-process)', () => {
  async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await main(['import', ...argv], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      cwd: dir,
    });
    return { code, stdout, stderr };
  }

  it('exit 0 when written, 0 again when unchanged, 1 when a target is kept, 0 with --force', async () => {
    await pages([
      ['de', 'aws_layer7.md', DE_AWS],
      ['ru', 'aws_layer7.md', RU_AWS],
    ]);
    const first = await run('pages', '--out', 'content');
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain(`written   ${join('content', 'de', 'aws_layer7.md')}  ← ${join('pages', 'de', 'aws_layer7.md')}`);
    expect(first.stdout).toContain('2 pages: 2 written, 0 unchanged, 0 kept, 0 failed');

    const second = await run('pages', '--out', 'content');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('2 pages: 0 written, 2 unchanged, 0 kept, 0 failed');

    await writeFile(join(dir, 'content', 'ru', 'aws_layer7.md'), '---\nid: aws_layer7.md\n---\n# Edited\n');
    const third = await run('pages', '--out', 'content');
    expect(third.code).toBe(1);
    expect(third.stderr).toBe(`${join('pages', 'ru', 'aws_layer7.md')}: kept ${join('content', 'ru', 'aws_layer7.md')}, which has other content (use --force to overwrite)\n`);
    expect(third.stdout).toContain('2 pages: 0 written, 1 unchanged, 1 kept, 0 failed');
    expect(await readFile(join(dir, 'content', 'ru', 'aws_layer7.md'), 'utf8')).toBe('---\nid: aws_layer7.md\n---\n# Edited\n');

    const forced = await run('pages', '--out', 'content', '--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('2 pages: 1 written, 1 unchanged, 0 kept, 0 failed');
  });

  it('exit 2 for an unreadable page, with file:line:column, reason and rule', async () => {
    await pages([
      ['de', 'aws_layer7.md', DE_AWS],
      ['de', 'latin1.md', Uint8Array.from([...new TextEncoder().encode('---\nid: x\n---\n<p>caf'), 0xe9, 0x3c, 0x2f, 0x70, 0x3e])],
    ]);
    const result = await run('pages', '--out', 'content');
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${join('pages', 'de', 'latin1.md')}:4:7: error: Unexpected byte 0xe9 that is not UTF-8, expected UTF-8 text (source/encoding)\n`);
    expect(result.stdout).toContain('2 pages: 1 written, 0 unchanged, 0 kept, 1 failed');
    expect(await listFiles(join(dir, 'content'))).toEqual([join('de', 'aws_layer7.md')]);
  });

  it('exit 2 for a page with no locale, 0 with --locale', async () => {
    await mkdir(join(dir, 'seeds'));
    await copyFile(PT_AWS, join(dir, 'seeds', 'page.txt'));
    const without = await run(join('seeds', 'page.txt'), '--out', 'content');
    expect(without.code).toBe(2);
    expect(without.stderr).toBe(`${join('seeds', 'page.txt')}: error: Unexpected file outside a locale folder, expected a path like \`<root>/<locale>/…\` or \`--locale\` (import/no-locale)\n`);
    expect(await listFiles(dir)).toEqual([join('seeds', 'page.txt')]);

    const withLocale = await run(join('seeds', 'page.txt'), '--out', 'content', '--locale', 'pt');
    expect(withLocale.code).toBe(0);
    expect(await listFiles(join(dir, 'content'))).toEqual([join('pt', 'aws_layer7.md')]);
  });

  it('exit 2 for a missing input or a missing --out', async () => {
    const missing = await run('nowhere', '--out', 'content');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^polyguide import: Cannot read nowhere: no such file or folder\n$/);
    const noOut = await run('pages');
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/expected --out <folder>/);
    expect(await listFiles(dir)).toEqual([]);
  });
});
