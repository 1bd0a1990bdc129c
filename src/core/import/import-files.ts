/**
 * `polyguide import`: Milvus-rendered pages in, `content/<locale>/<guide>.md` out.
 *
 * Safe to run again: identical output is left alone, different existing content is never
 * overwritten without `force`, and every write goes to a temporary file renamed into place, so a
 * failure never leaves half a guide behind.
 */
import { mkdir, readFile, rename, writeFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { VFileMessage } from 'vfile-message';
import { splitFrontMatter } from '../frontmatter.ts';
import { discoverGuides, type GuideFile } from '../layout.ts';
import { guideIdOf } from '../parse/build.ts';
import { sniffFormat } from '../parse/index.ts';
import { readSource, SourceError } from '../source.ts';
import { milvusPageToMarkdown } from './to-markdown.ts';

export interface ImportOptions {
  out: string;
  /** Locale for files whose path names none (the seeds). */
  locale?: string;
  force?: boolean;
  cwd?: string;
}

export type ImportStatus = 'written' | 'unchanged' | 'conflict' | 'failed';

export interface ImportResult {
  source: string;
  target: string | null;
  status: ImportStatus;
  error?: VFileMessage | Error;
}

export async function importGuides(inputs: string[], options: ImportOptions): Promise<ImportResult[]> {
  const cwd = options.cwd ?? process.cwd();
  const files = await discoverGuides(inputs, cwd);
  const results: ImportResult[] = [];
  const claimed = new Map<string, string>();
  for (const file of files) {
    const result = await importOne(file, options, cwd, claimed);
    results.push(result);
  }
  return results;
}

async function importOne(file: GuideFile, options: ImportOptions, cwd: string, claimed: Map<string, string>): Promise<ImportResult> {
  try {
    const locale = options.locale ?? file.locale;
    if (!locale) {
      throw new SourceError(file.path, 'Unexpected file outside a locale folder, expected a path like `<root>/<locale>/…` or `--locale`', 'import/no-locale');
    }
    const source = await readSource(file.absolutePath);
    const frontMatter = splitFrontMatter(file.path, source.text);
    if (sniffFormat(frontMatter.maskedText) !== 'milvus-html') {
      throw new SourceError(file.path, 'Unexpected Markdown, expected a Milvus-rendered HTML page', 'import/not-html', { line: frontMatter.lineCount + 1, column: 1 });
    }
    const relativePath = file.locale ? file.relativePath.replace(/\.(html?|txt|markdown)$/i, '.md') : `${guideIdOf(frontMatter.data, file.path)}.md`;
    const target = resolve(cwd, options.out, locale, relativePath);
    const fromCwd = relative(cwd, target);
    const shownTarget = fromCwd === '' || fromCwd.startsWith('..') ? target : fromCwd;
    const previous = claimed.get(target);
    if (previous) {
      throw new SourceError(file.path, `Unexpected second page for ${shownTarget}, expected one page per guide and locale (first: ${previous})`, 'import/duplicate-target');
    }
    claimed.set(target, file.path);
    const markdown = milvusPageToMarkdown({ ...source, path: file.path });
    const existing = await readFile(target, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (existing === markdown) return { source: file.path, target: shownTarget, status: 'unchanged' };
    if (existing !== null && !options.force) return { source: file.path, target: shownTarget, status: 'conflict' };
    await writeAtomically(target, markdown);
    return { source: file.path, target: shownTarget, status: 'written' };
  } catch (error) {
    // Name the file as the user gave it, not by the absolute path it was read from.
    if (error instanceof VFileMessage && error.file === file.absolutePath) error.file = file.path;
    return { source: file.path, target: null, status: 'failed', error: error as Error };
  }
}

async function writeAtomically(target: string, text: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const temporary = join(dirname(target), `.${process.pid}.${Date.now()}.polyguide-tmp`);
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
