/**
 * Benchmark of the site build (`npm run build`), for scripts/bench.ts or on its own:
 *
 *   node scripts/bench-build.ts                              the seeds' site (content/)
 *   POLYGUIDE_BENCH_CORPUS=1 node scripts/bench-build.ts     also all 972 pages of ../shared/corpus/milvus-v2.4.x
 *
 * Each build runs scripts/build-site.ts in a fresh process (guard + Astro + Pagefind + sitemap),
 * first cold (empty Astro and guard caches), then warm (same caches, nothing changed). The corpus
 * is imported into a scratch content folder with `polyguide import`, keeping all five locales
 * (en, the source language, becomes a fifth site locale), so every one of the 972 pages is built.
 * Targets: the seeds' site under 15 s, the corpus under 3 minutes (cold).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SEEDS_TARGET_S = 15;
const CORPUS_TARGET_S = 180;

interface RunFigures {
  wallMs: number;
  pages: number;
  guardMs: number;
  astroMs: number;
  rendered: number;
  reused: number;
  peakRssMb: number | null;
}

export async function benchBuild(): Promise<void> {
  print(`bench build: Node ${process.version}, ${cpus().length} cores`);
  const seeds = await benchContent('seeds', join(ROOT, 'content'), SEEDS_TARGET_S);
  let corpus: Awaited<ReturnType<typeof benchContent>> | null = null;
  if (/^(1|true|yes)$/i.test(process.env.POLYGUIDE_BENCH_CORPUS ?? '')) {
    const source = resolve(ROOT, process.env.POLYGUIDE_CORPUS_DIR ?? '../shared/corpus/milvus-v2.4.x');
    if (!existsSync(source)) {
      print(`bench build: corpus: skipped, ${source} does not exist`);
    } else {
      const scratch = await mkdtemp(join(tmpdir(), 'polyguide-bench-corpus-'));
      try {
        const content = join(scratch, 'content');
        const started = performance.now();
        const imported = await run(process.execPath, [join(ROOT, 'scripts/polyguide.mjs'), 'import', source, '--out', content]);
        if (imported.code !== 0) throw new Error(`polyguide import failed (exit ${imported.code}):\n${imported.output.slice(-2000)}`);
        const files = (await readdir(content, { recursive: true })).filter((name) => String(name).endsWith('.md')).length;
        print(`bench build: corpus: imported ${files} pages into a scratch folder in ${seconds(performance.now() - started)}`);
        corpus = await benchContent('corpus', content, CORPUS_TARGET_S);
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    }
  } else {
    print('bench build: corpus: skipped (set POLYGUIDE_BENCH_CORPUS=1 to build all 972 pages of ../shared/corpus/milvus-v2.4.x)');
  }
  const failed = [seeds, corpus].filter((result) => result && !result.withinTarget);
  if (failed.length > 0) process.exitCode = 1;
}

async function benchContent(name: string, contentDir: string, targetS: number): Promise<{ withinTarget: boolean }> {
  const scratch = await mkdtemp(join(tmpdir(), `polyguide-bench-${name}-`));
  try {
    const args = ['--content', contentDir, '--out', join(scratch, 'dist'), '--cache-dir', join(scratch, 'astro-cache'), '--guard-cache', join(scratch, 'guard-cache')];
    const cold = await build(args);
    const warm = await build(args);
    const guides = (await readdir(contentDir, { recursive: true })).filter((file) => String(file).endsWith('.md')).length;
    for (const [label, figures] of [
      ['cold', cold],
      ['warm', warm],
    ] as const) {
      print(
        `bench build: ${name} ${label}: ${seconds(figures.wallMs)} wall for ${figures.pages} pages from ${guides} guide files ` +
          `(${(figures.wallMs / figures.pages).toFixed(1)} ms/page, ${(figures.wallMs / guides).toFixed(1)} ms/guide file; ` +
          `guard ${seconds(figures.guardMs)}, astro ${seconds(figures.astroMs)}; ${figures.rendered} pages rendered, ${figures.reused} reused` +
          `${figures.peakRssMb === null ? '' : `; peak RSS ${figures.peakRssMb} MB`})`,
      );
    }
    const withinTarget = cold.wallMs / 1000 < targetS;
    print(`bench build: ${name}: cold build ${seconds(cold.wallMs)} vs target ${targetS} s: ${withinTarget ? 'ok' : 'OVER TARGET'}`);
    return { withinTarget };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function build(args: string[]): Promise<RunFigures> {
  const result = await run(process.execPath, [join(ROOT, 'scripts/build-site.ts'), ...args], true);
  if (result.code !== 0) throw new Error(`site build failed (exit ${result.code}):\n${result.output.slice(-3000)}`);
  const built = /built (\d+) pages into .* \(guard ([\d.]+) s, astro ([\d.]+) s/.exec(result.output);
  const loader = /(\d+) pages rendered, (\d+) unchanged/.exec(result.output);
  return {
    wallMs: result.ms,
    pages: Number(built?.[1] ?? 0),
    guardMs: Number(built?.[2] ?? 0) * 1000,
    astroMs: Number(built?.[3] ?? 0) * 1000,
    rendered: Number(loader?.[1] ?? 0),
    reused: Number(loader?.[2] ?? 0),
    peakRssMb: result.peakRssMb,
  };
}

/** Runs a command, collecting its output; with `watch`, samples its peak RSS from /proc. */
function run(command: string, args: string[], watch = false): Promise<{ code: number; output: string; ms: number; peakRssMb: number | null }> {
  const started = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
  for (const key of Object.keys(env)) if (key.startsWith('POLYGUIDE_') && key !== 'POLYGUIDE_BENCH_CORPUS') delete env[key];
  for (const key of ['VITEST', 'VITEST_MODE', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'NODE_ENV', 'TEST', 'DEV', 'PROD', 'SSR', 'MODE', 'BASE_URL']) delete env[key];
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let peakKb: number | null = null;
    const sample = (): void => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
        if (hwm) peakKb = Math.max(peakKb ?? 0, Number(hwm[1]));
      } catch {
        // not on Linux, or the process is gone
      }
    };
    const timer = watch ? setInterval(sample, 100) : null;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (watch) sample();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      if (timer) clearInterval(timer);
      done({ code: code ?? -1, output, ms: performance.now() - started, peakRssMb: peakKb === null ? null : Math.round(peakKb / 1024) });
    });
  });
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchBuild().catch((error: unknown) => {
    process.stderr.write(`bench build failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  });
}
