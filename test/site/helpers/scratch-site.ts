/**
 * Builds the site once from a scratch content folder (a copy of content/ plus the hostile fixture
 * as de/hostile.md) into a temporary folder, with `npm run build`'s own script in a child process.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');

export interface ScratchSite {
  dir: string;
  contentDir: string;
  outDir: string;
  log: string;
  buildMs: number;
  remove(): Promise<void>;
}

export async function makeScratchContent(): Promise<{ dir: string; contentDir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'polyguide-site-'));
  const contentDir = join(dir, 'content');
  await cp(join(ROOT, 'content'), contentDir, { recursive: true });
  await cp(join(ROOT, 'test/site/fixtures/hostile.md'), join(contentDir, 'de', 'hostile.md'));
  return { dir, contentDir };
}

/** Runs scripts/build-site.ts with the given arguments; resolves with its exit code and output. */
export function runBuildScript(args: string[], env: Record<string, string> = {}): Promise<{ code: number; output: string; ms: number }> {
  const started = performance.now();
  const cleanEnv: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env };
  for (const key of Object.keys(cleanEnv)) if (key.startsWith('POLYGUIDE_') && !(key in env)) delete cleanEnv[key];
  // Vitest's own variables (DEV=1, MODE=test, …) would make Astro build a development site.
  for (const key of ['VITEST', 'VITEST_MODE', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'NODE_ENV', 'TEST', 'DEV', 'PROD', 'SSR', 'MODE', 'BASE_URL', 'FORCE_TTY']) delete cleanEnv[key];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/build-site.ts'), ...args], { cwd: ROOT, env: cleanEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, output, ms: performance.now() - started }));
  });
}

export async function buildScratchSite(): Promise<ScratchSite> {
  const { dir, contentDir } = await makeScratchContent();
  const outDir = join(dir, 'dist');
  const { code, output, ms } = await runBuildScript(['--content', contentDir, '--out', outDir, '--cache-dir', join(dir, 'astro-cache')]);
  if (code !== 0) throw new Error(`site build failed (exit ${code}):\n${output.slice(-4000)}`);
  return { dir, contentDir, outDir, log: output, buildMs: ms, remove: () => rm(dir, { recursive: true, force: true }) };
}
