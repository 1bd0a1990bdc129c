/**
 * The guard's entry point: find guides under the given paths, pair them across locales, check
 * each guide set (from the content-hash cache when nothing changed), and summarise.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { discoverGuides, type GuideFile } from '../core/layout.ts';
import { compareDiagnostics } from './diagnostics.ts';
import { CheckCache, toolFingerprint } from './cache.ts';
import type { BlockVerdict, CheckResult, Diagnostic } from './types.ts';
import type { GuideSetJob, GuideSetOutcome } from './set-job.ts';

export interface CheckOptions {
  /** Source locale; the reference when a guide has it. Default `en` (when present). */
  source?: string;
  cwd?: string;
  /** `{ index: 1, count: 4 }` checks the first of four deterministic shards. */
  shard?: { index: number; count: number };
  /** Cache folder, or false to always check. Default `.polyguide-cache` in cwd. */
  cache?: string | false;
  /** Worker threads; default: one per core when there is enough work. */
  workers?: number;
  /** Include `polyguide run` findings (the run/* family). Default true. */
  run?: boolean;
}

export async function checkPaths(paths: string[], options: CheckOptions = {}): Promise<CheckResult> {
  const cwd = options.cwd ?? process.cwd();
  const files = await discoverGuides(paths, cwd);
  let jobs = groupIntoSets(files, options.source ?? 'en', options.run ?? true);
  if (options.shard) jobs = jobs.filter((job) => shardOf(job.key, options.shard!.count) === options.shard!.index - 1);

  const cache = options.cache === false ? null : await CheckCache.open(options.cache ?? `${cwd}/.polyguide-cache`, await toolFingerprint());
  const outcomes: GuideSetOutcome[] = [];
  const pending: GuideSetJob[] = [];
  // Reading is I/O-bound: hash every set concurrently rather than one file after another.
  await Promise.all(jobs.map(async (job) => (job.hash = await hashJob(job))));
  for (const job of jobs) {
    const hit = cache?.get(job.hash!);
    if (hit) outcomes.push(hit);
    else pending.push(job);
  }
  if (pending.length > 0) {
    const { runJobs } = await import('./pool.ts');
    const computed = await runJobs(pending, options.workers);
    for (let i = 0; i < pending.length; i++) {
      outcomes.push(computed[i]!);
      cache?.set(pending[i]!.hash!, computed[i]!);
    }
    await cache?.save();
  }
  return summarise(outcomes, files.length, jobs.length);
}

function groupIntoSets(files: GuideFile[], source: string, run: boolean): GuideSetJob[] {
  const sets = new Map<string, GuideSetJob>();
  for (const file of files) {
    const key = file.locale ? `${file.root}::${file.relativePath}` : file.absolutePath;
    let job = sets.get(key);
    if (!job) sets.set(key, (job = { key, source, run, members: [] }));
    job.members.push({ path: file.path, absolutePath: file.absolutePath, locale: file.locale });
  }
  return [...sets.values()];
}

/** Stable across runs and machines: a guide always lands in the same shard. */
function shardOf(key: string, count: number): number {
  const relative = key.includes('::') ? key.slice(key.indexOf('::') + 2) : key;
  return createHash('sha1').update(relative).digest().readUInt32BE(0) % count;
}

async function hashJob(job: GuideSetJob): Promise<string> {
  const contents = await Promise.all(
    job.members.map((member) => readFile(member.absolutePath).catch((error: Error) => Buffer.from(`unreadable:${error.message}`))),
  );
  const hash = createHash('sha256').update(`${job.source}\0${job.run}\0`);
  job.members.forEach((member, index) => {
    hash.update(`${member.path}\0${member.locale}\0`);
    hash.update(contents[index]!);
    hash.update('\0');
  });
  return hash.digest('hex');
}

function summarise(outcomes: GuideSetOutcome[], fileCount: number, guideCount: number): CheckResult {
  const diagnostics: Diagnostic[] = [];
  const verdicts: Record<string, BlockVerdict[]> = {};
  const guides: Record<string, Record<string, string>> = {};
  const unreadable: CheckResult['unreadable'] = [];
  for (const outcome of outcomes) {
    diagnostics.push(...outcome.diagnostics);
    Object.assign(verdicts, outcome.verdicts);
    unreadable.push(...outcome.unreadable);
    for (const [guide, locales] of Object.entries(outcome.guides)) guides[guide] = { ...(guides[guide] ?? {}), ...locales };
  }
  diagnostics.sort(compareDiagnostics);
  return {
    diagnostics,
    summary: {
      files: fileCount,
      guides: guideCount,
      errors: diagnostics.filter((d) => d.severity === 'error').length,
      warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    },
    verdicts,
    guides,
    unreadable,
  };
}

export type { CheckResult, Diagnostic } from './types.ts';
