/**
 * Benchmark of `polyguide check` over ../shared/corpus (content/ when it is absent): a cold run
 * (empty cache, default threads), a warm run answered from the content-hash cache, and a cold
 * run with two workers for comparison, all without the run/* family (whose real tool runs are
 * timed last), each in a fresh process started as `npm run polyguide` starts it, so start-up and
 * peak memory are counted as a user would see them. A last line checks twice in one process, to
 * show how much of a cold run is V8 warm-up rather than work.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

export function benchCheck(runs = 1): void {
  const corpus = resolve(ROOT, '../shared/corpus/milvus-v2.4.x');
  const target = existsSync(corpus) ? corpus : resolve(ROOT, 'content');
  const { files, bytes } = sizeOf(target);
  const cacheRoot = mkdtempSync(join(tmpdir(), 'polyguide-bench-'));
  try {
    console.log(`check: ${files} files, ${(bytes / 1048576).toFixed(1)} MB in ${target}${runs > 1 ? `; each run ${runs} times, wall as min / median / max` : ''}`);
    const configurations: Array<{ label: string; args: string[]; before?: () => void }> = [
      // Each cold run starts from an empty cache, which the warm runs then answer from.
      { label: 'cold (default)', args: ['--no-run'], before: () => rmSync(join(cacheRoot, '.polyguide-cache'), { recursive: true, force: true }) },
      { label: 'warm (cache)', args: ['--no-run'] },
      { label: 'cold, 2 workers', args: ['--no-run', '--workers', '2', '--no-cache'] },
      { label: 'cold, with run/*', args: ['--no-cache'] },
    ];
    // Untimed: builds the command's bundle and fills Node's compile cache if either is stale, as
    // the first run after an install or an edit does; the timed runs then start as a user's would.
    timed(['check', resolve(ROOT, 'content'), '--no-cache', '--no-run', '--format', 'json'], cacheRoot);
    for (const { label, args, before } of configurations) {
      const timings: Array<{ seconds: number; peakMb: number; status: number | null }> = [];
      for (let run = 0; run < runs; run++) {
        before?.();
        timings.push(timed(['check', target, '--format', 'json', ...args], cacheRoot));
      }
      const walls = timings.map((timing) => timing.seconds).sort((a, b) => a - b);
      const median = walls[Math.floor((walls.length - 1) / 2)]!;
      const wall = runs > 1 ? `${walls[0]!.toFixed(2)} / ${median.toFixed(2)} / ${walls.at(-1)!.toFixed(2)} s wall` : `${median.toFixed(2)} s wall`;
      const peak = Math.max(...timings.map((timing) => timing.peakMb));
      const statuses = [...new Set(timings.map((timing) => timing.status))].join(', ');
      console.log(`  ${label.padEnd(18)} ${wall}, ${(files / median).toFixed(0)} files/s, ${(bytes / 1048576 / median).toFixed(1)} MB/s, peak RSS ${peak} MB (exit ${statuses})`);
    }
    const twice = spawnSync(process.execPath, [...launchOptions(), resolve(ROOT, 'scripts/lib/check-twice.ts'), target], { cwd: cacheRoot, encoding: 'utf8' });
    const passes = /polyguide-check-passes ([\d.]+) ([\d.]+)/.exec(twice.stdout ?? '');
    if (passes) {
      console.log(`  main thread, one process: first pass ${passes[1]} s (module loading and V8 compilation included), second pass ${passes[2]} s (same work, already compiled)`);
    }
  } finally {
    rmSync(cacheRoot, { recursive: true, force: true });
  }
}

/** The Node options `npm run polyguide` starts the command with (package.json), so the bench runs it as users do. */
function launchOptions(): string[] {
  const command = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.polyguide!;
  return command.split(/\s+/).filter((word) => word.startsWith('--'));
}

function timed(args: string[], cwd: string): { seconds: number; peakMb: number; status: number | null } {
  const script = resolve(ROOT, 'scripts/polyguide.mjs');
  const hook = resolve(ROOT, 'scripts/lib/report-peak-rss.mjs');
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [...launchOptions(), '--import', hook, script, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const peakKb = Number(/polyguide-peak-rss-kb (\d+)/.exec(result.stderr ?? '')?.[1] ?? 0);
  return { seconds, peakMb: Math.round(peakKb / 1024), status: result.status };
}

function sizeOf(folder: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(md|txt|html?)$/.test(entry.name)) continue;
    files++;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

if (import.meta.main) benchCheck();
