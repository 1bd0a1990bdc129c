/**
 * Real tool runs, remembered by everything they could see: the program, its arguments, the
 * current folder and the content of every file in the sandbox. A guide repeats the same openssl
 * steps in each of its locales; the first locale runs them for real and the others get the same
 * files and output back, since a key generated for one locale is as good as another's. Only runs
 * that finished (no time-out, no resource limit, started at all) are remembered, only in small
 * sandboxes, and only a bounded number per process.
 */
import { createHash } from 'node:crypto';
import { chown, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { runConfined, type ExecOptions, type ExecResult } from './exec.ts';
import type { Sandbox } from './sandbox.ts';

interface Remembered {
  result: ExecResult;
  /** Files the run created or changed, by sandbox-relative path. */
  files: Map<string, Buffer>;
}

/** Larger sandboxes are not fingerprinted: reading them would cost more than the run saves. */
const MAX_SANDBOX_BYTES = 1024 * 1024;
const MAX_REMEMBERED = 500;
const remembered = new Map<string, Remembered>();

/** Runs in the sandbox's current folder; `options` are the rest of runConfined's. */
export async function runConfinedRemembered(program: string, args: string[], sandbox: Sandbox, options: Omit<ExecOptions, 'cwd'>): Promise<ExecResult> {
  const cwd = await sandbox.toolFolder();
  const before = await snapshot(sandbox);
  const key = before && fingerprint(program, args, sandbox.cwd, options, before);
  const known = key ? remembered.get(key) : undefined;
  if (known) {
    for (const [path, bytes] of known.files) {
      const absolute = join(sandbox.root, ...path.split('/'));
      await mkdir(dirname(absolute), { recursive: true });
      await writeFile(absolute, bytes, { mode: 0o644 });
      if (sandbox.owner !== null) await chown(absolute, sandbox.owner, sandbox.owner).catch(() => undefined);
    }
    return { ...known.result };
  }
  const result = await runConfined(program, args, { ...options, cwd });
  if (!key || result.notRun || result.timedOut || result.signal) return result;
  const after = await snapshot(sandbox);
  if (!after) return result;
  const files = new Map<string, Buffer>();
  for (const [path, bytes] of after) if (!before!.get(path)?.equals(bytes)) files.set(path, bytes);
  if (remembered.size >= MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
  remembered.set(key, { result: { ...result }, files });
  return result;
}

/** Every regular file in the sandbox with its content, or null when the sandbox is too large. */
async function snapshot(sandbox: Sandbox): Promise<Map<string, Buffer> | null> {
  const files = new Map<string, Buffer>();
  let total = 0;
  let entries;
  try {
    entries = await readdir(sandbox.root, { recursive: true, withFileTypes: true });
  } catch {
    return null;
  }
  for (const entry of entries.sort((a, b) => join(a.parentPath, a.name).localeCompare(join(b.parentPath, b.name)))) {
    if (entry.isSymbolicLink()) return null;
    if (!entry.isFile()) continue;
    const absolute = join(entry.parentPath, entry.name);
    const bytes = await readFile(absolute).catch(() => null);
    if (!bytes) return null;
    total += bytes.length;
    if (total > MAX_SANDBOX_BYTES) return null;
    files.set(relative(sandbox.root, absolute).split('\\').join('/'), bytes);
  }
  return files;
}

function fingerprint(program: string, args: string[], cwd: string, options: Omit<ExecOptions, 'cwd'>, files: Map<string, Buffer>): string {
  const hash = createHash('sha256').update(`${program}\0${args.join('\0')}\0${cwd}\0${options.timeLimitMs}\0${JSON.stringify(options.env ?? {})}\0`);
  for (const [path, bytes] of files) hash.update(`${path}\0${bytes.length}\0`).update(bytes);
  return hash.digest('hex');
}
