/**
 * `npm run build`: guard the content, print the guard's report, then build the docs site.
 *
 *   npm run build                      build; blocks with errors are published as their reference version
 *   npm run build -- --strict          for pull requests: exit 1 without building when the guard has errors
 *   POLYGUIDE_STRICT=1 npm run build   the same
 *
 * Other options: --content <dir> (POLYGUIDE_CONTENT, default content/), --out <dir> (POLYGUIDE_OUT_DIR,
 * default dist/), --cache-dir <dir> (Astro's cache, default node_modules/.astro), --guard-cache <dir|off>
 * (the guard's cache, default .polyguide-cache), --quiet.
 * Exit codes: 0 built, 1 strict mode and the guard found errors, 2 usage error or failed build.
 */
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CheckResult, Diagnostic } from '../src/check/types.ts';
import { displayPath, siteSettings } from '../src/site/config.ts';
import { runGuard, setPendingCheck, type CheckFile } from '../src/site/guard.ts';

export interface BuildSiteOptions {
  root?: string;
  content?: string;
  out?: string;
  cacheDir?: string;
  /** The guard's cache folder, or false for none (default: the guard's own, .polyguide-cache). */
  guardCache?: string | false;
  strict?: boolean;
  quiet?: boolean;
  /** Where the report goes (stdout by default). */
  log?: (line: string) => void;
}

export interface BuildSiteResult {
  exitCode: number;
  check: CheckResult | null;
  outDir: string;
  pages: number;
  /** Milliseconds: guard, Astro build (content, pages, search index, sitemap), total. */
  timings: { guard: number; astro: number; total: number };
}

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export async function buildSite(options: BuildSiteOptions = {}): Promise<BuildSiteResult> {
  const started = performance.now();
  const root = options.root ?? ROOT;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  if (options.content) process.env.POLYGUIDE_CONTENT = resolve(options.content);
  const settings = siteSettings(root);
  const outDir = resolve(root, options.out ?? process.env.POLYGUIDE_OUT_DIR ?? 'dist');

  log(`polyguide: guarding ${displayPath(root, settings.contentDir)} (${settings.locales.join(', ')})`);
  const guardStarted = performance.now();
  let guard = 0;
  const guarded = runGuard(settings.contentDir, root, options.guardCache).then(async (check) => {
    guard = performance.now() - guardStarted;
    for (const line of await report(check, root)) log(line);
    log(`polyguide: guard finished in ${(guard / 1000).toFixed(2)} s`);
    return check;
  });

  if (options.strict) {
    const check = await guarded;
    if (check.summary.errors > 0 || check.unreadable.length > 0) {
      log(`polyguide: strict mode: ${check.summary.errors} error(s), ${check.unreadable.length} unreadable file(s); the site was not built.`);
      return { exitCode: 1, check, outDir, pages: 0, timings: { guard, astro: 0, total: performance.now() - started } };
    }
  }

  // Astro starts (config, Vite, parsing the guides) while the guard works in its worker threads;
  // the loaders wait for its result, handed over in-process, so the guard runs once per build.
  const pending: Promise<CheckFile> = guarded.then((result) => ({ cwd: root, result }));
  pending.catch(() => undefined);
  setPendingCheck(pending);
  const astroStarted = performance.now();
  try {
    const { build } = await import('astro');
    await build({
      root,
      outDir,
      ...(options.cacheDir ? { cacheDir: resolve(options.cacheDir) } : {}),
      logLevel: options.quiet ? 'warn' : 'info',
    });
  } finally {
    setPendingCheck(null);
  }
  const check = await guarded;
  const astro = performance.now() - astroStarted;
  const pages = await countPages(outDir);
  const total = performance.now() - started;
  const errors = check.summary.errors;
  log(
    `polyguide: built ${pages} pages into ${displayPath(root, outDir)} in ${(total / 1000).toFixed(2)} s (guard ${(guard / 1000).toFixed(2)} s, astro ${(astro / 1000).toFixed(2)} s, ${(astro / Math.max(1, pages)).toFixed(1)} ms/page)`,
  );
  if (errors > 0) log(`polyguide: ${errors} error(s): broken blocks were published as their reference version or withheld; see /${settings.defaultLocale}/status/`);
  return { exitCode: 0, check, outDir, pages, timings: { guard, astro, total } };
}

/** The guard's own terminal report (with code frames); a plain listing if it cannot be loaded. */
async function report(check: CheckResult, root: string): Promise<string[]> {
  try {
    const specifier = '../src/check/reporters/index.ts';
    const { REPORTERS } = (await import(specifier)) as { REPORTERS: Record<string, () => Promise<(result: CheckResult, options: { color?: boolean; readText?: (file: string) => string | null }) => string>> };
    const pretty = await REPORTERS.pretty?.();
    if (pretty) {
      const readText = (file: string): string | null => {
        try {
          return readFileSync(resolve(root, file), 'utf8');
        } catch {
          return null;
        }
      };
      return pretty(check, { color: process.stdout.isTTY === true, readText }).replace(/\n+$/, '').split('\n');
    }
  } catch {
    // fall through to the plain listing
  }
  return formatReport(check, root);
}

/** One line per finding, compiler style, then a summary. */
export function formatReport(check: CheckResult, root: string): string[] {
  const lines: string[] = [];
  const byFile = new Map<string, Diagnostic[]>();
  for (const diagnostic of check.diagnostics) {
    const list = byFile.get(diagnostic.file) ?? [];
    list.push(diagnostic);
    byFile.set(diagnostic.file, list);
  }
  for (const [file, diagnostics] of [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    for (const d of diagnostics.sort((a, b) => a.line - b.line || a.column - b.column)) {
      const where = `${displayPath(root, resolve(root, file))}:${d.line}:${d.column}`;
      const reference = d.reference ? ` (reference: ${displayPath(root, resolve(root, d.reference.file))}:${d.reference.line})` : '';
      lines.push(`${where}  ${d.severity.padEnd(7)}  ${d.message}${reference}  ${d.rule}`);
    }
  }
  for (const entry of check.unreadable) lines.push(`${displayPath(root, resolve(root, entry.file))}:${entry.line}:${entry.column}  error    ${entry.message}  source/unreadable`);
  const { files, guides, errors, warnings } = check.summary;
  lines.push(`polyguide: ${files} files, ${guides} guides: ${errors} error(s), ${warnings} warning(s)${check.unreadable.length ? `, ${check.unreadable.length} unreadable` : ''}`);
  return lines;
}

async function countPages(outDir: string): Promise<number> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && entry.name === 'index.html' && !relative(outDir, join(entry.parentPath, entry.name)).startsWith('pagefind')).length;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      strict: { type: 'boolean' },
      content: { type: 'string' },
      out: { type: 'string' },
      'cache-dir': { type: 'string' },
      'guard-cache': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(
      'Usage: npm run build -- [--strict] [--content <dir>] [--out <dir>] [--cache-dir <dir>] [--guard-cache <dir|off>] [--quiet]\n\n' +
        'Runs the guard on the content, prints its report and builds the site into dist/.\n' +
        '--strict (or POLYGUIDE_STRICT=1): exit 1 without building when the guard reports errors (for pull requests).\n',
    );
    return;
  }
  const strict = values.strict === true || /^(1|true|yes)$/i.test(process.env.POLYGUIDE_STRICT ?? '');
  const guardCache = values['guard-cache'] === undefined ? undefined : values['guard-cache'] === 'off' ? false : resolve(values['guard-cache']);
  const result = await buildSite({ strict, content: values.content, out: values.out, cacheDir: values['cache-dir'], guardCache, quiet: values.quiet });
  process.exitCode = result.exitCode;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main()
    .catch((error: unknown) => {
      process.stderr.write(`polyguide: build failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    })
    .finally(() => {
      // Astro and Pagefind can leave handles open; the build is done.
      setTimeout(() => process.exit(), 50).unref();
    });
}
