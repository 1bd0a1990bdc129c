/**
 * Checks the same folder twice in one process, with no cache and in this thread, and prints the
 * seconds each pass took: the first pass pays for loading the modules and for V8 compiling the hot
 * code; the second runs the same work already compiled. (The engine's analysis caches, keyed by
 * block text, also answer on the second pass, so it is a floor, not a forecast.)
 */
import { enableCompileCache } from 'node:module';

enableCompileCache?.();
const started = performance.now();
const { checkPaths } = await import('../../src/check/index.ts');
const target = process.argv[2]!;
const passes: number[] = [];
for (let pass = 0; pass < 2; pass++) {
  const start = pass === 0 ? started : performance.now();
  await checkPaths([target], { cache: false, run: false, workers: 1 });
  passes.push((performance.now() - start) / 1000);
}
console.log(`polyguide-check-passes ${passes.map((seconds) => seconds.toFixed(2)).join(' ')}`);
