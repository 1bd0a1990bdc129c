/**
 * The site's rendering without a build: step model → Markdown → HTML through the same remark
 * plugin and the same unified stages Astro runs (remark-rehype with raw HTML, then rehype-raw),
 * with the real guard's verdicts. The browser suite (site.test.ts) checks the built site.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPaths } from '../../src/check/index.ts';
import type { CheckResult } from '../../src/check/types.ts';
import { parseGuideFile, parseGuideText } from '../../src/core/parse/index.ts';
import { codeBlocks } from '../../src/core/walk.ts';
import { stringsFor } from '../../src/site/i18n.ts';
import { badgeText, guideToMarkdown } from '../../src/site/render/guide-to-mdast.ts';
import { remarkPolyguide } from '../../src/site/render/remark-polyguide.ts';
import { findScriptVectors, isSafeUrl } from '../../src/site/render/sanitize.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const HOSTILE = join(import.meta.dirname, 'fixtures', 'hostile.md');

/** Astro's unified Markdown stages, with or without the site's plugin. */
async function toHtml(markdown: string, withSitePlugin = true): Promise<string> {
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkDirective);
  if (withSitePlugin) processor.use(remarkPolyguide);
  processor.use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).use(rehypeStringify);
  return String(await processor.process(markdown));
}

let check: CheckResult;
beforeAll(async () => {
  check = await checkPaths(['content'], { cwd: ROOT, cache: false });
}, 120_000);

async function renderSeed(locale: string) {
  const file = `content/${locale}/aws_layer7.md`;
  const { guide } = await parseGuideFile(join(ROOT, file), { locale });
  const rendered = guideToMarkdown(guide, { strings: stringsFor(locale), verdicts: check.verdicts[file] ?? [], showPath: (f) => f });
  return { guide, rendered, html: await toHtml(rendered.markdown) };
}

describe('guide pages from the step model', () => {
  it('keeps the source anchors as heading ids in every locale', async () => {
    for (const locale of ['de', 'ru', 'pt', 'id']) {
      const { guide, html } = await renderSeed(locale);
      const anchors = guide.sections.filter((s) => s.depth > 1 && s.anchor).map((s) => s.anchor!);
      expect(anchors).toContain('Prepare-TLS-certificates');
      for (const anchor of anchors) expect(html).toContain(`id="${anchor}"`);
    }
  });

  it('numbers the steps of procedures, continuously across sections', async () => {
    const { html, rendered } = await renderSeed('de');
    const numbers = [...html.matchAll(/<li class="pg-step" id="step-(\d+)" data-step="\1">/g)].map((m) => Number(m[1]));
    expect(numbers.length).toBe(rendered.steps);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(html).toMatch(/<ol class="pg-steps" start="1">/);
  });

  it('marks each code block with its role and the guard verdict', async () => {
    const { guide, rendered, html } = await renderSeed('de');
    const blocks = codeBlocks(guide);
    const verdicts = check.verdicts['content/de/aws_layer7.md']!;
    expect(verdicts.length).toBe(blocks.length);
    blocks.forEach((block, index) => expect(rendered.markdown).toContain(`pg-block=${index} pg-role=${block.role}`));
    expect(rendered.markdown).toMatch(/```yaml pg-block=\d+ pg-role=file frame="code" title="ingress\.yaml"/);
    expect(rendered.markdown).toMatch(/```text pg-block=\d+ pg-role=output frame="code" title="Ausgabe"/);
    const ingress = verdicts.find((v) => v.label.includes('Ingress'))!;
    expect(html).toContain(`<div class="pg-verdict" data-state="ok" data-block="${ingress.index}">${badgeText(ingress, stringsFor('de'))}</div>`);
    expect(badgeText(ingress, stringsFor('de'))).toMatch(/^valid Ingress · gleich in /);
  });

  it('shows a verdict for every clean block, also inside lists', async () => {
    for (const file of ['content/de/aws_layer7.md', 'content/de/gcp_layer7.md', 'content/pt/aws_layer7.md']) {
      const locale = file.split('/')[1]!;
      const { guide } = await parseGuideFile(join(ROOT, file), { locale });
      const verdicts = check.verdicts[file] ?? [];
      const html = await toHtml(guideToMarkdown(guide, { strings: stringsFor(locale), verdicts, showPath: (f) => f }).markdown);
      const shown = [...html.matchAll(/class="pg-verdict" data-state="\w+" data-block="(\d+)"/g)].map((m) => Number(m[1]));
      expect(shown, file).toEqual(verdicts.filter((v) => v.severity !== 'error').map((v) => v.index));
    }
  });

  it('publishes the reference version of a broken block, with a notice naming the file to fix', async () => {
    const { guide, rendered, html } = await renderSeed('ru');
    const verdict = check.verdicts['content/ru/aws_layer7.md']!.find((v) => v.severity === 'error' && v.replacement)!;
    expect(verdict).toBeDefined();
    const broken = codeBlocks(guide)[verdict.index]!;
    const error = verdict.diagnostics.find((d) => d.severity === 'error')!;
    expect(rendered.replaced).toEqual([verdict.index]);
    expect(rendered.markdown).toContain(verdict.replacement!.text);
    expect(rendered.markdown).not.toContain(broken.text);
    expect(html).toContain(`class="pg-replaced" data-block="${verdict.index}" data-source="${verdict.replacement!.locale}"`);
    expect(html).toContain(`<code>content/ru/aws_layer7.md:${error.line}</code>`);
    expect(html).toContain(`<code>${error.rule}</code>`);
  });

  it('withholds a broken block that has no checked version', async () => {
    const { guide } = await renderSeed('ru');
    const verdicts = check.verdicts['content/ru/aws_layer7.md']!.map((v) => (v.replacement ? { ...v, replacement: undefined } : v));
    const rendered = guideToMarkdown(guide, { strings: stringsFor('ru'), verdicts, showPath: (f) => f });
    const index = verdicts.find((v) => v.severity === 'error')!.index;
    expect(rendered.withheld).toEqual([index]);
    expect(rendered.markdown).not.toContain(codeBlocks(guide)[index]!.text);
    expect(await toHtml(rendered.markdown)).toContain(`class="pg-withheld" data-block="${index}"`);
  });
});

describe('untrusted guide content', () => {
  it('the hostile fixture would run script without the sanitizer', async () => {
    // Raw HTML as it is in the file, through the plain pipeline: proves the fixture is really hostile.
    const raw = (await readFile(HOSTILE, 'utf8')).replace(/^---[\s\S]*?---\n/, '');
    const vectors = findScriptVectors(await toHtml(raw, false));
    expect(vectors.length).toBeGreaterThan(10);
    expect(vectors.join(' ')).toMatch(/<script>.*onerror.*<iframe>.*javascript:/is);
  });

  it('renders the hostile fixture with nothing that can run script', async () => {
    const text = await readFile(HOSTILE, 'utf8');
    const { guide } = parseGuideText('de/hostile.md', text, { locale: 'de' });
    const rendered = guideToMarkdown(guide, { strings: stringsFor('de'), verdicts: [], showPath: (f) => f });
    const html = await toHtml(rendered.markdown);
    expect(findScriptVectors(html)).toEqual([]);
    expect(html).not.toMatch(/<(script|iframe|object|embed|form|base|meta|style|textarea)\b/i);
    expect(html).not.toMatch(/\s(href|src|action|formaction|data)="\s*(javascript|vbscript|data):/i);
    // Harmless markup and the code survive: the reader still sees what the guide shows.
    expect(html).toContain('<b>bold</b>');
    expect(html).toContain('&#x3C;script>window.__pwned = \'code-block\'&#x3C;/script>');
    expect(html).toContain('id="Links-and-images"');
  });

  it('judges URLs the way browsers read them', () => {
    for (const url of ['https://milvus.io/docs', '/de/aws_layer7/', '#Prepare-TLS-certificates', 'mailto:a@b.c', 'ingress.yaml']) expect(isSafeUrl(url)).toBe(true);
    for (const url of ['javascript:alert(1)', 'JavaScript:alert(1)', 'java\tscript:alert(1)', ' javascript:x', 'vbscript:x', 'data:text/html,<script>x</script>', 'jav\u0000ascript:x']) expect(isSafeUrl(url)).toBe(false);
  });

  it('the tripwire allows only Expressive Code’s module script', () => {
    expect(findScriptVectors('<div class="expressive-code"><script type="module" src="/_astro/ec.0vx5m.js"></script></div>')).toEqual([]);
    expect(findScriptVectors('<script type="module" src="https://elsewhere.example/ec.js"></script>')).toHaveLength(1);
    expect(findScriptVectors('<p><a href="javascript:x">x</a><img src=x onerror=y></p>')).toHaveLength(2);
    // Character references and odd syntax do not slip past the quick pre-check.
    for (const html of ['<a href="&#x6A;avascript:x">x</a>', '<a href="jav&Tab;ascript:x">x</a>', '<a href=javascript:x>x</a>', '<img/onerror=x src=y>', '<svg><a xlink:href="javascript:x">x</a></svg>', '<iframe srcdoc="x"></iframe>']) {
      expect(findScriptVectors(html), html).not.toEqual([]);
    }
    expect(findScriptVectors('<p class="x"><a href="https://milvus.io/?a=1&#x26;b=2">ok</a><code>onerror=</code></p>')).toEqual([]);
  });
});
