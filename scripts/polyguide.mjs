#!/usr/bin/env -S node --max-semi-space-size=8 --heap-growing-percent=200 --v8-pool-size=1
// The `polyguide` command: a thin shell over src/cli, which sets the exit code. The heap is
// bounded at launch (V8 cannot change it later): a young generation of 8 MB semi-spaces and an
// old generation that at most triples between collections, so `check` can run in this thread and
// stay within its memory budget (see src/check/pool.ts); package.json starts it the same way.
// (Doubling cost a fifth full collection on the corpus, 2-3 % of a cold check, for 3 MB less.)
// V8 gets one helper thread (for its compilers and collector) instead of four: on two cores four
// of them took turns with the checking thread itself, and one makes a cold corpus check about
// 0.25 s faster (README, benchmark notes).
// This entry is plain JavaScript so that Node need not load its TypeScript stripper to start: the
// command runs from a bundle of its sources (scripts/cli-bundle.mjs), or from the sources
// themselves, type-stripped from the compile cache, when the bundle cannot be used.
import module from 'node:module';

// Compiled (and type-stripped) code is reused across runs: a cached `check` starts in a fraction.
// Worker threads only use the cache when the environment names it (they copy process.env).
const compileCache = module.enableCompileCache?.();
if (compileCache?.directory) process.env.NODE_COMPILE_CACHE ??= compileCache.directory;
const { loadMain } = await import('./cli-bundle.mjs');
const main = await loadMain();

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });
