#!/usr/bin/env node
/**
 * `npm run bench [-- <section…>] [--workers N] [--root DIR] [--runs N]`: throughput and memory figures.
 *
 * Input: the real-world corpus at ../shared/corpus when it exists, content/ otherwise (or --root).
 * Sections run in the order given (default: all of them); each prints figures only, no verdicts.
 * Add a section by adding an entry to SECTIONS: it gets the guide files and prints its own lines.
 *
 *   parse  read + decode + parse every guide into the step model; across worker threads (one per
 *          CPU) for 64 guides or more, in the main thread otherwise or with --workers 1
 *   check  `polyguide check` in fresh processes: cold, warm (cache), one core (bench-check.ts);
 *          with --runs N each run N times, printed as min / median / max
 *   build  the site build (bench-build.ts)
 *   hostile  `polyguide check` on generated hostile pages, each timed (bench-hostile.ts)
 *
 * Peak memory is the process's RSS high-water mark (process.resourceUsage().maxRSS), which counts
 * every worker thread, since they share the process.
 */
import { existsSync } from 'node:fs';
import { benchBuild } from './bench-build.ts';
import { benchCheck } from './bench-check.ts';
import { benchHostile } from './bench-hostile.ts';
import { stat } from 'node:fs/promises';
import { enableCompileCache } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

// Node's on-disk compile cache (as `NODE_COMPILE_CACHE` would) makes each worker load the parser's
// modules faster; the project's modules are imported after it is on.
enableCompileCache?.();
const { discoverGuides } = await import('../src/core/layout.ts');
const { parseGuideFile } = await import('../src/core/parse/index.ts');

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface BenchContext {
  /** Absolute paths of the guide files, largest first. */
  files: string[];
  bytes: number;
  label: string;
  workers: number;
  /** Times each timed run of the check section is repeated. */
  runs: number;
}

interface Section {
  summary: string;
  run(context: BenchContext): Promise<void>;
}

const SECTIONS: Record<string, Section> = {
  parse: { summary: 'read, decode and parse every guide into the step model', run: benchParse },
  check: { summary: '`polyguide check` cold (both cores), warm (content-hash cache) and on one core', run: async (context) => benchCheck(context.runs) },
  build: { summary: 'the site build: seeds, and the corpus with POLYGUIDE_BENCH_CORPUS=1', run: async () => benchBuild() },
  hostile: { summary: '`polyguide check` on generated hostile pages (wide, deep, many commands or blocks)', run: async () => benchHostile() },
};

// ---------------------------------------------------------------------------------------------
// parse

interface ParseReport {
  files: number;
  bytes: number;
  failed: number;
  firstError: string | null;
  cpuMs: number;
}

type ToWorker = { type: 'batch'; files: string[] } | { type: 'done' };
type FromWorker = { type: 'ready' } | { type: 'result'; report: ParseReport };

async function parseFiles(files: string[]): Promise<ParseReport> {
  const report: ParseReport = { files: 0, bytes: 0, failed: 0, firstError: null, cpuMs: 0 };
  const cpu = threadCpuUsage();
  for (const file of files) {
    report.files++;
    try {
      const parsed = await parseGuideFile(file);
      report.bytes += parsed.source.bytes;
    } catch (error) {
      report.failed++;
      report.firstError ??= `${file}: ${(error as Error).message}`;
    }
  }
  const used = threadCpuUsage(cpu);
  report.cpuMs = (used.user + used.system) / 1000;
  return report;
}

/** CPU time of this thread (Node ≥ 23.9); process-wide before that, which over-counts with workers. */
function threadCpuUsage(previous?: NodeJS.CpuUsage): NodeJS.CpuUsage {
  const perThread = (process as { threadCpuUsage?: (previous?: NodeJS.CpuUsage) => NodeJS.CpuUsage }).threadCpuUsage;
  return perThread ? perThread.call(process, previous) : process.cpuUsage(previous);
}

async function benchParse(context: BenchContext): Promise<void> {
  const started = performance.now();
  let report: ParseReport;
  let startupMs = 0;
  if (context.workers <= 1) {
    report = await parseFiles(context.files);
  } else {
    const pool = await startWorkers(context.workers);
    startupMs = performance.now() - started;
    report = await runQueue(pool, context.files);
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  const wallMs = performance.now() - started;
  const parseMs = wallMs - startupMs;
  const mb = report.bytes / 1048576;
  const line = [
    `parse  ${report.files} files  ${size(report.bytes)}  from ${context.label}`,
    `       ${context.workers <= 1 ? 'in the main thread' : `${context.workers} worker threads (${startupMs.toFixed(0)} ms to start)`}`,
    `       wall ${(wallMs / 1000).toFixed(2)} s${context.workers <= 1 ? '' : `  (parsing ${(parseMs / 1000).toFixed(2)} s)`}  CPU ${(report.cpuMs / 1000).toFixed(2)} s`,
    `       ${(report.files / (wallMs / 1000)).toFixed(0)} files/s  ${(mb / (wallMs / 1000)).toFixed(2)} MB/s${context.workers <= 1 ? '' : `  (parsing only: ${(report.files / (parseMs / 1000)).toFixed(0)} files/s  ${(mb / (parseMs / 1000)).toFixed(2)} MB/s)`}`,
    `       peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  ];
  if (report.failed > 0) line.push(`       ${report.failed} files failed to parse, first: ${report.firstError}`);
  console.log(line.join('\n'));
}

async function startWorkers(count: number): Promise<Worker[]> {
  const workers = Array.from({ length: count }, () => new Worker(fileURLToPath(import.meta.url), { workerData: { role: 'parse-worker' } }));
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolveReady, reject) => {
          worker.once('error', reject);
          worker.once('message', (message: FromWorker) => (message.type === 'ready' ? resolveReady() : reject(new Error('unexpected message'))));
        }),
    ),
  );
  return workers;
}

/** Hand out small batches, largest files first, to whichever worker is free. */
async function runQueue(workers: Worker[], files: string[]): Promise<ParseReport> {
  const total: ParseReport = { files: 0, bytes: 0, failed: 0, firstError: null, cpuMs: 0 };
  const batchSize = 8;
  let next = 0;
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((done, reject) => {
          const send = (): void => {
            if (next >= files.length) {
              worker.postMessage({ type: 'done' } satisfies ToWorker);
              worker.off('message', onMessage);
              done();
              return;
            }
            worker.postMessage({ type: 'batch', files: files.slice(next, next + batchSize) } satisfies ToWorker);
            next += batchSize;
          };
          const onMessage = (message: FromWorker): void => {
            if (message.type !== 'result') return;
            total.files += message.report.files;
            total.bytes += message.report.bytes;
            total.failed += message.report.failed;
            total.cpuMs += message.report.cpuMs;
            total.firstError ??= message.report.firstError;
            send();
          };
          worker.on('message', onMessage);
          worker.once('error', reject);
          send();
        }),
    ),
  );
  return total;
}

function workerMain(): void {
  parentPort!.on('message', async (message: ToWorker) => {
    if (message.type === 'done') {
      parentPort!.close();
      return;
    }
    parentPort!.postMessage({ type: 'result', report: await parseFiles(message.files) } satisfies FromWorker);
  });
  parentPort!.postMessage({ type: 'ready' } satisfies FromWorker);
}

// ---------------------------------------------------------------------------------------------

function size(bytes: number): string {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${(bytes / 1024).toFixed(1)} kB`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { workers: { type: 'string', short: 'w' }, root: { type: 'string' }, runs: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(`Usage: npm run bench -- [section…] [--workers N] [--root DIR] [--runs N]\n\nSections (default: all):\n${Object.entries(SECTIONS)
      .map(([name, section]) => `  ${name.padEnd(8)} ${section.summary}`)
      .join('\n')}`);
    return;
  }
  const runs = values.runs === undefined ? 1 : Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 50) {
    console.error(`bench: unexpected --runs ${values.runs}, expected a whole number from 1 to 50`);
    process.exitCode = 2;
    return;
  }
  const unknown = positionals.filter((name) => !(name in SECTIONS));
  if (unknown.length > 0) {
    console.error(`bench: unknown section ${unknown.map((name) => `\`${name}\``).join(', ')}, expected ${Object.keys(SECTIONS).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const corpus = resolve(ROOT, '..', 'shared', 'corpus');
  const root = values.root ? resolve(values.root) : existsSync(corpus) ? corpus : join(ROOT, 'content');
  const found = await discoverGuides([root], ROOT);
  const sized = await Promise.all(found.map(async (file) => ({ path: file.absolutePath, size: (await stat(file.absolutePath)).size })));
  sized.sort((a, b) => b.size - a.size);
  // Threads pay off for a corpus, not for a handful of guides (starting one costs a few hundred ms).
  const workers = values.workers ? Math.max(1, Number.parseInt(values.workers, 10) || 1) : sized.length >= 64 ? Math.min(availableParallelism(), 8) : 1;
  const context: BenchContext = {
    files: sized.map((file) => file.path),
    bytes: sized.reduce((sum, file) => sum + file.size, 0),
    label: relative(process.cwd(), root) || root,
    workers,
    runs,
  };
  console.log(`bench: ${context.files.length} guides, ${size(context.bytes)} in ${context.label}; node ${process.version}, ${availableParallelism()} CPUs\n`);
  for (const name of positionals.length > 0 ? positionals : Object.keys(SECTIONS)) await SECTIONS[name]!.run(context);
}

if (isMainThread) await main();
else if ((workerData as { role?: string } | null)?.role === 'parse-worker') workerMain();
