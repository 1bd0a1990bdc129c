/**
 * The guard's findings for the site. scripts/build-site.ts runs the guard once, prints its report
 * and hands the result to the loaders in-process (setPendingCheck), so Astro can start while the
 * guard works. Other ways in: a CheckResult JSON file (POLYGUIDE_CHECK_FILE, as `{ cwd, result }`),
 * or, for a bare `astro build`/`astro dev`, the loader runs the guard itself. There is one guard:
 * src/check.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BlockVerdict, CheckResult, Diagnostic } from '../check/types.ts';

/** What build-site.ts writes: the result and the directory its relative paths are relative to. */
export interface CheckFile {
  cwd: string;
  result: CheckResult;
}

/** Where the loaders got the guard's result from, for the build log. */
export let checkSource: 'build script' | 'file' | 'own run' | null = null;

/** Runs the guard on a content folder; `cache` is its cache folder, or false for none (default: the guard's). */
export async function runGuard(contentDir: string, cwd: string, cache?: string | false): Promise<CheckResult> {
  // A computed specifier: resolved when the guard runs, not when the site's modules are bundled.
  const specifier = '../check/index.ts';
  const guard = (await import(/* @vite-ignore */ specifier)) as { checkPaths: (paths: string[], options?: { source?: string; cwd?: string; cache?: string | false }) => Promise<CheckResult> };
  // `source` (the reference locale) is left to the guard: en when present.
  return guard.checkPaths([contentDir], { cwd, ...(cache === undefined ? {} : { cache }) });
}

/** Shared through globalThis: the loaders run in Vite's module runner, a separate module graph in the same process. */
const PENDING = Symbol.for('polyguide.site.pendingCheck');

export function setPendingCheck(pending: Promise<CheckFile> | null): void {
  (globalThis as Record<symbol, unknown>)[PENDING] = pending ?? undefined;
}

export async function loadCheck(options: { checkFile: string | null; contentDir: string; root: string }): Promise<CheckFile> {
  const pending = (globalThis as Record<symbol, unknown>)[PENDING] as Promise<CheckFile> | undefined;
  if (pending) {
    checkSource = 'build script';
    return pending;
  }
  if (options.checkFile) {
    checkSource = 'file';
    return JSON.parse(await readFile(options.checkFile, 'utf8')) as CheckFile;
  }
  checkSource = 'own run';
  return { cwd: options.root, result: await runGuard(options.contentDir, options.root) };
}

/** The guard's view, indexed by absolute file path. */
export class CheckIndex {
  readonly result: CheckResult;
  readonly cwd: string;
  #verdicts = new Map<string, BlockVerdict[]>();
  #diagnostics = new Map<string, Diagnostic[]>();

  constructor(check: CheckFile) {
    this.result = check.result;
    this.cwd = check.cwd;
    for (const [file, verdicts] of Object.entries(check.result.verdicts ?? {})) this.#verdicts.set(this.absolute(file), verdicts);
    for (const diagnostic of check.result.diagnostics ?? []) {
      const key = this.absolute(diagnostic.file);
      const list = this.#diagnostics.get(key) ?? [];
      list.push(diagnostic);
      this.#diagnostics.set(key, list);
    }
    for (const entry of check.result.unreadable ?? []) {
      const key = this.absolute(entry.file);
      const list = this.#diagnostics.get(key) ?? [];
      list.push({ file: entry.file, line: entry.line, column: entry.column, severity: 'error', rule: 'source/unreadable', message: entry.message, locale: '', guide: '' });
      this.#diagnostics.set(key, list);
    }
  }

  absolute(file: string): string {
    return resolve(this.cwd, file);
  }

  verdictsFor(absolutePath: string): BlockVerdict[] {
    return this.#verdicts.get(absolutePath) ?? [];
  }

  diagnosticsFor(absolutePath: string): Diagnostic[] {
    return this.#diagnostics.get(absolutePath) ?? [];
  }
}
