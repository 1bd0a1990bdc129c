/**
 * The guard's entry point: find guides under the given paths, pair them across locales, check
 * each guide set (from the content-hash cache when nothing changed), and summarise.
 */
import { createHash } from 'node:crypto';
import { compareGuideFiles, discoverGuides, localeSiblings, type GuideFile } from '../core/layout.ts';
import { readSourceBytesSync, type SourceError } from '../core/source.ts';
import { compareDiagnostics } from './diagnostics.ts';
import { CheckCache, toolFingerprint } from './cache.ts';
import type { BlockVerdict, CheckResult, Diagnostic } from './types.ts';
import type { GuideSetJob, GuideSetOutcome } from './set-job.ts';
import { contentRecord } from '../core/content-keys.ts';

export interface CheckOptions {
  /** Source locale; the reference when a guide has it. Default `en` (when present). */
  source?: string;
  cwd?: string;
  /** `{ index: 1, count: 4 }` checks the first of four deterministic shards. */
  shard?: { index: number; count: number };
  /** Cache folder, or false to always check. Default `.polyguide-cache` in cwd. */
  cache?: string | false;
  /** Checking threads (1: this one); default: see pool.ts. */
  workers?: number;
  /** Include `polyguide run` findings (the run/* family). Default true. */
  run?: boolean;
}

export async function checkPaths(paths: string[], options: CheckOptions = {}): Promise<CheckResult> {
  const cwd = options.cwd ?? process.cwd();
  const files = await discoverGuides(paths, cwd);
  // A translation named alone is still checked against its guide's other locales, which are read
  // but not reported on: a pull request's changed files are what its author answers for.
  const partners = await localeSiblings(files, cwd, paths);
  const toolsRun = options.run ?? true;
  let jobs = groupIntoSets([...files, ...partners].sort(compareGuideFiles), options.source ?? 'en', toolsRun);
  if (options.shard) jobs = jobs.filter((job) => shardOf(job.key, options.shard!.count) === options.shard!.index - 1);

  const cache = options.cache === false ? null : await CheckCache.open(options.cache ?? `${cwd}/.polyguide-cache`, await toolFingerprint());
  // With nothing cached every set will be checked: workers start loading while the files are read.
  const pool = cache === null || cache.isEmpty ? await import('./pool.ts') : null;
  const prestarted = pool ? pool.startWorkers(pool.workersFor(jobs.length, options.workers, toolsRun)) : [];
  const outcomes: GuideSetOutcome[] = [];
  const pending: GuideSetJob[] = [];
  for (const job of jobs) job.hash = readAndHash(job);
  for (const job of jobs) {
    const hit = cache?.get(job.hash!);
    if (!hit) {
      pending.push(job);
      continue;
    }
    outcomes.push(hit);
    for (const member of job.members) member.content = undefined;
  }
  if (pending.length > 0) {
    const { runJobs, startWorkers, workersFor } = pool ?? (await import('./pool.ts'));
    const computed = await runJobs(pending, pool ? prestarted : startWorkers(workersFor(pending.length, options.workers, toolsRun)));
    for (let i = 0; i < pending.length; i++) {
      outcomes.push(computed[i]!);
      cache?.set(pending[i]!.hash!, computed[i]!);
    }
    await cache?.save();
  } else {
    await Promise.all(prestarted.map((worker) => worker.terminate()));
  }
  return summarise(outcomes, files.length, jobs.length, new Set(partners.map((partner) => partner.path)));
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

/** Read each member once (the bytes travel with the job, to be parsed) and hash the set. */
function readAndHash(job: GuideSetJob): string {
  const hash = createHash('sha256').update(`${job.source}\0${job.run}\0`);
  for (const member of job.members) {
    try {
      member.content = readSourceBytesSync(member.absolutePath);
    } catch (error) {
      const problem = error as SourceError;
      member.content = { unreadable: { reason: problem.reason ?? problem.message, line: problem.line ?? 1, column: problem.column ?? 1, ruleId: problem.ruleId ?? 'source/unreadable' } };
    }
    hash.update(`${member.path}\0${member.locale}\0`);
    hash.update('bytes' in member.content ? member.content.bytes : `unreadable:${member.content.unreadable.reason}`);
    if ('bytes' in member.content) hash.update(`\0${member.content.size}`);
    hash.update('\0');
  }
  return hash.digest('hex');
}

function summarise(outcomes: GuideSetOutcome[], fileCount: number, guideCount: number, partners: ReadonlySet<string>): CheckResult {
  const diagnostics: Diagnostic[] = [];
  const verdicts: Record<string, BlockVerdict[]> = contentRecord();
  const guides: Record<string, Record<string, string>> = contentRecord();
  const unreadable: CheckResult['unreadable'] = [];
  for (const outcome of outcomes) {
    for (const diagnostic of outcome.diagnostics) if (!partners.has(diagnostic.file)) diagnostics.push(diagnostic);
    for (const [file, list] of Object.entries(outcome.verdicts)) if (!partners.has(file)) verdicts[file] = list;
    for (const entry of outcome.unreadable) if (!partners.has(entry.file)) unreadable.push(entry);
    for (const [guide, locales] of Object.entries(outcome.guides)) guides[guide] = Object.assign(guides[guide] ?? contentRecord<string>(), locales);
  }
  diagnostics.sort(compareDiagnostics);
  // Cache hits and fresh outcomes arrive in different orders; the report must not depend on it.
  unreadable.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
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
