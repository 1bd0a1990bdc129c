/**
 * `npm run build`'s strict mode (for pull requests): the guard's errors fail the build before
 * anything is built; without errors, strict mode builds as usual.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeScratchContent, ROOT, runBuildScript } from './helpers/scratch-site.ts';

let scratch: { dir: string; contentDir: string };
beforeAll(async () => {
  scratch = await makeScratchContent();
});
afterAll(async () => {
  if (scratch) await rm(scratch.dir, { recursive: true, force: true });
});

describe('strict mode', () => {
  it('--strict exits 1 without building when the guard reports errors (the ru Ingress)', async () => {
    const out = join(scratch.dir, 'dist-strict');
    const { code, output } = await runBuildScript(['--strict', '--content', scratch.contentDir, '--out', out, '--cache-dir', join(scratch.dir, 'cache')]);
    expect(code).toBe(1);
    expect(output).toMatch(/ru\/aws_layer7\.md/);
    expect(output).toMatch(/yaml\/syntax/);
    expect(output).toMatch(/strict mode: \d+ error\(s\).*the site was not built/);
    expect(existsSync(out)).toBe(false);
  });

  it('POLYGUIDE_STRICT=1 does the same', async () => {
    const out = join(scratch.dir, 'dist-strict-env');
    const { code, output } = await runBuildScript(['--content', scratch.contentDir, '--out', out, '--cache-dir', join(scratch.dir, 'cache')], { POLYGUIDE_STRICT: '1' });
    expect(code).toBe(1);
    expect(output).toMatch(/strict mode/);
    expect(existsSync(out)).toBe(false);
  });

  it('builds in strict mode when the guard finds no errors', async () => {
    const clean = await mkdtemp(join(tmpdir(), 'polyguide-clean-'));
    try {
      await mkdir(join(clean, 'content', 'de'), { recursive: true });
      await cp(join(ROOT, 'content/de/aws_layer7.md'), join(clean, 'content/de/aws_layer7.md'));
      const out = join(clean, 'dist');
      const { code, output } = await runBuildScript(['--strict', '--content', join(clean, 'content'), '--out', out, '--cache-dir', join(clean, 'cache'), '--quiet']);
      expect(code, output.slice(-2000)).toBe(0);
      expect(output).toMatch(/built \d+ pages/);
      const html = await readFile(join(out, 'de/aws_layer7/index.html'), 'utf8');
      expect(html).toContain('id="Prepare-TLS-certificates"');
      expect(html).toContain('class="pg-verdict"');
      expect(existsSync(join(out, 'sitemap-index.xml'))).toBe(true);
      expect(existsSync(join(out, 'pagefind'))).toBe(true);
    } finally {
      await rm(clean, { recursive: true, force: true });
    }
  }, 120_000);
});
