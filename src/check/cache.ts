/**
 * The content-hash cache: a guide set whose files, options and checker code are unchanged is
 * answered from disk. One JSON file; written atomically; a corrupt or foreign cache is ignored.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GuideSetOutcome } from './set-job.ts';

const FORMAT = 1;

export class CheckCache {
  private readonly file: string;
  private readonly fingerprint: string;
  private readonly entries: Map<string, GuideSetOutcome>;
  private readonly used = new Set<string>();
  private dirty = false;

  private constructor(file: string, fingerprint: string, entries: Map<string, GuideSetOutcome>) {
    this.file = file;
    this.fingerprint = fingerprint;
    this.entries = entries;
  }

  static async open(folder: string, fingerprint: string): Promise<CheckCache> {
    const file = join(folder, 'check.json');
    let entries = new Map<string, GuideSetOutcome>();
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as { format: number; fingerprint: string; entries: Record<string, GuideSetOutcome> };
      if (data.format === FORMAT && data.fingerprint === fingerprint) entries = new Map(Object.entries(data.entries));
    } catch {
      // No cache yet, or one we cannot read: start empty.
    }
    return new CheckCache(file, fingerprint, entries);
  }

  /** True when no entry could be read: every set will be checked. */
  get isEmpty(): boolean {
    return this.entries.size === 0;
  }

  get(hash: string): GuideSetOutcome | undefined {
    const hit = this.entries.get(hash);
    if (hit) this.used.add(hash);
    return hit;
  }

  set(hash: string, outcome: GuideSetOutcome): void {
    this.entries.set(hash, outcome);
    this.used.add(hash);
    this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    // Keep only what this run used, so the cache does not grow with every edit.
    const entries = Object.fromEntries([...this.entries].filter(([hash]) => this.used.has(hash)));
    await mkdir(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify({ format: FORMAT, fingerprint: this.fingerprint, entries }));
    await rename(temporary, this.file);
  }
}

/**
 * Changes whenever the checker's own code or dependencies change. Read synchronously: it is
 * awaited before any checking, and the asynchronous calls only added thread-pool round trips.
 */
export async function toolFingerprint(): Promise<string> {
  const srcRoot = fileURLToPath(new URL('..', import.meta.url));
  const hash = createHash('sha1');
  const entries = readdirSync(srcRoot, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && entry.name.endsWith('.ts')).map((entry) => join(entry.parentPath, entry.name)).sort();
  for (const file of files) {
    const info = statSync(file);
    hash.update(`${file}:${info.size}:${info.mtimeMs}\n`);
  }
  const lock = statSync(join(srcRoot, '..', 'package-lock.json'), { throwIfNoEntry: false });
  // No lockfile: dependencies are not fingerprinted.
  if (lock) hash.update(`lock:${lock.size}:${lock.mtimeMs}`);
  return hash.digest('hex');
}
