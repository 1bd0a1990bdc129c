/**
 * The built site in real Chromium (Debian's /usr/bin/chromium driven by playwright-core).
 * The site is built once, from a scratch copy of content/ plus a hostile guide, into a temporary
 * folder, and served by a tiny static server on localhost.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { checkPaths } from '../../src/check/index.ts';
import type { BlockVerdict, CheckResult } from '../../src/check/types.ts';
import type { Guide } from '../../src/core/model.ts';
import { parseGuideFile } from '../../src/core/parse/index.ts';
import { codeBlocks } from '../../src/core/walk.ts';
import { buildRunbook, runbookScript } from '../../src/run/index.ts';
import { stringsFor } from '../../src/site/i18n.ts';
import { buildScratchSite, ROOT, type ScratchSite } from './helpers/scratch-site.ts';
import { serveStatic, type StaticServer } from './helpers/static-server.ts';

const CHROMIUM = process.env.POLYGUIDE_CHROMIUM ?? '/usr/bin/chromium';
const LOCALES = ['de', 'ru', 'pt', 'id'] as const;
const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
const LANGUAGE_LABELS: Record<string, string> = { de: 'Deutsch', ru: 'Русский', pt: 'Português', id: 'Bahasa Indonesia' };

let site: ScratchSite;
let server: StaticServer;
let context: BrowserContext;
let userDataDir: string;
let check: CheckResult;
const guides = new Map<string, Guide>();

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (or set POLYGUIDE_CHROMIUM)`);
  site = await buildScratchSite();
  // The guard's own view of the same content, to compare the pages with.
  check = await checkPaths([site.contentDir], { cwd: ROOT });
  for (const locale of LOCALES) guides.set(locale, (await parseGuideFile(join(site.contentDir, locale, 'aws_layer7.md'), { locale })).guide);
  server = await serveStatic(site.outDir);
  userDataDir = await mkdtemp(join(tmpdir(), 'polyguide-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  await mkdir(SCREENSHOTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
  await site?.remove();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  const response = await page.goto(server.origin + path, { waitUntil: 'load' });
  expect(response?.status(), `${path} is served`).toBe(200);
  return page;
}

function verdictsOf(locale: string): BlockVerdict[] {
  const file = Object.keys(check.verdicts).find((f) => f.endsWith(`/${locale}/aws_layer7.md`))!;
  return check.verdicts[file]!;
}

describe('the guide in every locale', () => {
  it('/ leads to the default locale', async () => {
    const page = await open('/');
    await page.waitForURL(`${server.origin}/de/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await page.close();
  });

  for (const locale of LOCALES) {
    it(`opens aws_layer7 in ${locale}: title, numbered steps, anchors, verdicts, alternates`, async () => {
      const guide = guides.get(locale)!;
      const page = await open(`/${locale}/aws_layer7/`);
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      expect((await page.locator('h1').first().innerText()).trim()).toBe(guide.title);
      // Source anchors work in every locale.
      const heading = page.locator('h3#Prepare-TLS-certificates');
      await expect.poll(() => heading.count()).toBe(1);
      expect(await heading.innerText()).toBe(guide.sections.find((s) => s.anchor === 'Prepare-TLS-certificates')!.titleText);
      // Numbered steps, continuous across sections.
      const numbers = await page.locator('ol.pg-steps > li.pg-step').evaluateAll((items) => items.map((li) => li.getAttribute('data-step')));
      expect(numbers.length).toBeGreaterThan(5);
      expect(numbers).toEqual(numbers.map((_, i) => String(i + 1)));
      // Every clean code block shows the guard's verdict, e.g. "valid Ingress · gleich in id, pt, ru".
      const verdicts = verdictsOf(locale).filter((v) => v.severity !== 'error');
      const badges = await page.locator('.pg-verdict').allInnerTexts();
      expect(badges.length).toBe(verdicts.length);
      for (const verdict of verdicts) expect(badges.join('\n')).toContain(verdict.label);
      if (locale !== 'ru') expect(badges.join('\n')).toMatch(new RegExp(`valid Ingress · ${stringsFor(locale).sameIn('').trim()} `));
      // hreflang alternates for the four locales and x-default.
      const alternates = await page.locator('link[rel="alternate"][hreflang]').evaluateAll((links) => links.map((l) => l.getAttribute('hreflang')));
      expect(alternates.sort()).toEqual(['de', 'id', 'pt', 'ru', 'x-default']);
      await page.close();
    });
  }

  it('switches language with the picker, keeping the page', async () => {
    const page = await open('/de/aws_layer7/');
    const select = page.locator('starlight-lang-select select').first();
    await Promise.all([page.waitForURL(`${server.origin}/ru/aws_layer7/`), select.selectOption({ label: LANGUAGE_LABELS.ru })]);
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    expect((await page.locator('h1').first().innerText()).trim()).toBe(guides.get('ru')!.title);
    await Promise.all([page.waitForURL(`${server.origin}/pt/aws_layer7/`), page.locator('starlight-lang-select select').first().selectOption({ label: LANGUAGE_LABELS.pt })]);
    expect(await page.locator('html').getAttribute('lang')).toBe('pt');
    await page.close();
  });

  it('shows Starlight’s fallback notice for a guide missing in a locale', async () => {
    const page = await open('/ru/gcp_layer7/');
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    expect(await page.locator('main').getAttribute('lang')).toBe('de');
    await expect.poll(() => page.getByText('Это содержимое пока не доступно на вашем языке.').count()).toBe(1);
    await page.close();
  });

  for (const locale of LOCALES) {
    it(`finds the guide with Pagefind search in ${locale}`, async () => {
      const guide = guides.get(locale)!;
      // A long word of the localized title, so the hit must come from this locale's index.
      const word = guide.title
        .split(/[\s,.()]+/)
        .filter((w) => !/milvus|layer|aws/i.test(w))
        .sort((a, b) => b.length - a.length)[0]!;
      const page = await open(`/${locale}/`);
      await page.locator('button[data-open-modal]').first().click();
      const input = page.locator('dialog[open] input.pagefind-ui__search-input, dialog[open] input[type="search"]').first();
      await input.waitFor();
      await input.fill(word);
      const link = page.locator(`dialog[open] a.pagefind-ui__result-link[href^="/${locale}/aws_layer7/"]`).first();
      await link.waitFor({ timeout: 15_000 });
      const hrefs = await page.locator('dialog[open] a.pagefind-ui__result-link').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      expect(hrefs.every((href) => href.startsWith(`/${locale}/`))).toBe(true);
      await page.close();
    });
  }
});

describe('code blocks', () => {
  it('copies exactly the command from a terminal frame', async () => {
    const page = await open('/de/aws_layer7/');
    const blocks = codeBlocks(guides.get('de')!);
    for (const index of [0, 1]) {
      const block = blocks[index]!;
      expect(block.role).toBe('command');
      const figure = page.locator(`figure[data-pg-block="${index}"]`);
      expect(await figure.getAttribute('class')).toContain('is-terminal');
      await figure.hover();
      await figure.locator('.copy button').click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(block.text.replace(/[ \t]+$/gm, ''));
    }
    await page.close();
  });

  it('titles a file block with its name and marks output, which has no copy button', async () => {
    const page = await open('/de/aws_layer7/');
    const file = page.locator('figure[data-pg-role="file"]').first();
    expect((await file.locator('figcaption .title').innerText()).trim()).toBe('ingress.yaml');
    const output = page.locator('figure[data-pg-role="output"]');
    expect(await output.count()).toBe(1);
    expect((await output.locator('figcaption .title').innerText()).trim()).toBe(stringsFor('de').output);
    expect(await output.locator('.copy button').count()).toBe(0);
    expect(await page.locator('figure[data-pg-role="command"] .copy button').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('shows ru readers the reference Ingress YAML and a notice naming the defect and the file', async () => {
    const verdict = verdictsOf('ru').find((v) => v.severity === 'error')!;
    expect(verdict.replacement, 'the guard offers the reference version').toBeDefined();
    const error = verdict.diagnostics.find((d) => d.severity === 'error')!;
    const brokenText = codeBlocks(guides.get('ru')!)[verdict.index]!.text;
    const page = await open('/ru/aws_layer7/#Create-an-Ingress-to-generate-a-Layer-7-Load-Balancer');
    const replaced = page.locator(`.pg-replaced[data-block="${verdict.index}"]`);
    expect(await replaced.getAttribute('data-source')).toBe(verdict.replacement!.locale);
    // What a reader copies is the reference text, exactly; what they see is its correct indentation.
    const copied = (await replaced.locator('.copy button').getAttribute('data-code'))!.replace(/\u007f/g, '\n');
    expect(copied).toBe(verdict.replacement!.text.replace(/[ \t]+$/gm, ''));
    expect(await replaced.locator('pre code').innerText()).toContain('\n  ingressClassName: alb\n');
    const notice = await replaced.locator('.starlight-aside').innerText();
    expect(notice).toContain(stringsFor('ru').replacedTitle);
    expect(notice).toContain(error.rule);
    expect(notice).toMatch(new RegExp(`ru/aws_layer7\\.md:${error.line}\\b`));
    // The broken version is published nowhere on the page.
    const main = await page.locator('main').innerText();
    expect(main).not.toContain(brokenText.split('\n').find((line) => line.startsWith('rules: -'))!);
    await replaced.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'guide-ru-aws_layer7.png') });
    await page.close();
  });
});

/** A file as the static host serves it. */
async function fetchText(path: string): Promise<{ text: string; type: string }> {
  const response = await fetch(server.origin + path);
  expect(response.status, `${path} is served`).toBe(200);
  return { text: await response.text(), type: response.headers.get('content-type') ?? '' };
}

/** Clicks a download link in the browser; the file it saves, and under which name. */
async function download(page: Page, link: ReturnType<Page['locator']>): Promise<{ name: string; text: string }> {
  const [saved] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return { name: saved.suggestedFilename(), text: await readFile((await saved.path())!, 'utf8') };
}

describe('runbook downloads', () => {
  for (const locale of ['de', 'ru'] as const) {
    it(`offers the files and the script of aws_layer7 in ${locale}, generated from the step model`, async () => {
      const strings = stringsFor(locale);
      const guide = guides.get(locale)!;
      const deIngress = codeBlocks(guides.get('de')!).find((block) => block.fileName === 'ingress.yaml')!;
      const page = await open(`/${locale}/aws_layer7/`);
      expect(await page.locator('h2#pg-runbook').innerText()).toBe(strings.runbookTitle);
      const section = page.locator('.pg-runbook');
      const link = section.locator('a.pg-download', { hasText: /^ingress\.yaml$/ });
      expect(await link.count()).toBe(1);
      expect(await link.getAttribute('href')).toBe(`/${locale}/aws_layer7/files/ingress.yaml`);
      expect(await link.getAttribute('download')).toBe('ingress.yaml');

      // The link saves ingress.yaml: valid YAML, the de block's text (for ru: the checked reference version).
      const file = await download(page, link);
      expect(file.name).toBe('ingress.yaml');
      expect(file.text).toBe(`${deIngress.text}\n`);
      expect(parseYaml(file.text)).toMatchObject({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', spec: { ingressClassName: 'alb', rules: [{ host: 'milvus-demo.milvus.io' }] } });
      if (locale === 'ru') {
        const verdict = verdictsOf('ru').find((v) => v.severity === 'error')!;
        expect(file.text).toBe(`${verdict.replacement!.text}\n`);
        expect(file.text).not.toBe(`${codeBlocks(guide)[verdict.index]!.text}\n`);
        // …which is the version the page shows, and the section says so.
        const shown = (await page.locator(`.pg-replaced[data-block="${verdict.index}"] .copy button`).getAttribute('data-code'))!.replace(/\u007f/g, '\n');
        expect(shown).toBe(file.text.replace(/[ \t]+$/gm, '').replace(/\n$/, ''));
        expect(await link.getAttribute('data-state')).toBe('replaced');
        expect(await link.locator('xpath=..').innerText()).toContain(strings.runbookReplaced('ru', verdict.replacement!.locale));
      } else {
        expect(await link.getAttribute('data-state')).toBeNull();
      }

      // runbook.sh: the review header first, the commands, the file written as the download has it.
      const scriptLink = section.locator('a.pg-download[href$="/runbook.sh"]');
      expect(await scriptLink.getAttribute('href')).toBe(`/${locale}/aws_layer7/runbook.sh`);
      const script = await download(page, scriptLink);
      expect(script.name).toBe('runbook.sh');
      const lines = script.text.split('\n');
      expect(lines.slice(0, 2)).toEqual(['#!/bin/sh', `# ${guide.title}`]);
      const header = lines.slice(0, lines.indexOf('set -eu'));
      expect(header.every((line) => line === '' || line.startsWith('#'))).toBe(true);
      expect(header).toContain('# REVIEW THIS SCRIPT BEFORE RUNNING IT. It changes real clusters and cloud accounts: it installs,');
      expect(lines).toContain('kubectl apply -f ingress.yaml');
      expect(script.text).toContain(`cat > 'ingress.yaml' <<'POLYGUIDE_EOF'\n${file.text}POLYGUIDE_EOF\n`);
      if (locale === 'de') expect(script.text).toBe(runbookScript(buildRunbook({ ...guide, file: 'content/de/aws_layer7.md' })));
      else expect(header.join('\n')).toMatch(/ingress\.yaml \(content\/ru\/aws_layer7\.md:\d+\) has an error \(yaml\/syntax\): the checked de version is used instead\./);

      // The script block's copy button copies exactly runbook.sh.
      const figure = section.locator('figure[data-pg-role="script"]');
      expect((await figure.locator('figcaption .title').innerText()).trim()).toBe('runbook.sh');
      await figure.hover();
      await figure.locator('.copy button').click();
      await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(script.text);

      // runbook.json: the same runbook as data.
      const json = JSON.parse((await fetchText(`/${locale}/aws_layer7/runbook.json`)).text);
      expect(json.guide).toMatchObject({ id: 'aws_layer7', locale, file: `content/${locale}/aws_layer7.md` });
      expect(json.files.map((f: { name: string; content: string }) => [f.name, f.content])).toEqual([['ingress.yaml', file.text]]);
      expect(json.commands.map((c: { text: string }) => c.text)).toContain('kubectl apply -f ingress.yaml');
      expect(await section.locator('a.pg-download[href$="/runbook.json"]').getAttribute('download')).toBe('runbook.json');
      await page.locator('h2#pg-runbook').evaluate((heading) => heading.scrollIntoView());
      await page.screenshot({ path: join(SCREENSHOTS, `runbook-${locale}-aws_layer7.png`) });
      await page.close();
    });
  }

  it('offers alternatives for one file as distinct downloads saved under the file’s name', async () => {
    const page = await open('/de/gcp_layer7/');
    const links = page.locator('.pg-runbook a.pg-download', { hasText: /^ingress\.yaml$/ });
    expect(await links.evaluateAll((all) => all.map((a) => [a.getAttribute('href'), a.getAttribute('download')]))).toEqual([
      ['/de/gcp_layer7/files/ingress.yaml', 'ingress.yaml'],
      ['/de/gcp_layer7/files/ingress.variant-2.yaml', 'ingress.yaml'],
    ]);
    const guide = (await parseGuideFile(join(site.contentDir, 'de', 'gcp_layer7.md'), { locale: 'de' })).guide;
    const variants = buildRunbook(guide).files.filter((file) => file.name === 'ingress.yaml');
    expect(variants.map((file) => file.alternative?.index)).toEqual([0, 1]);
    for (const [index, path] of ['/de/gcp_layer7/files/ingress.yaml', '/de/gcp_layer7/files/ingress.variant-2.yaml'].entries()) {
      expect((await fetchText(path)).text).toBe(variants[index]!.content);
      expect(await links.nth(index).locator('xpath=..').innerText()).toContain(stringsFor('de').runbookVariant(index + 1, 2, variants[index]!.alternative!.label));
    }
    await page.close();
  });

  it('serves a hostile guide’s file as inert text under a safe path', async () => {
    const page = await open('/de/hostile/');
    const hrefs = await page.locator('.pg-runbook a').evaluateAll((all) => all.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.length).toBe(3);
    for (const href of hrefs) expect(href.startsWith('/de/hostile/')).toBe(true);
    const file = hrefs.find((href) => href.includes('/files/'))!;
    expect(file).toMatch(/^\/de\/hostile\/files\/x\/[\w.-]+\.html\.txt$/);
    const served = await fetchText(file);
    expect(served.type).toMatch(/^text\/plain/);
    expect(served.text).toBe("<script>window.__pwned = 'download'</script>\n");
    // The name is shown as text.
    expect(await page.locator('.pg-runbook a.pg-download', { hasText: "onerror=window.__pwned='download-name'" }).count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    await page.close();
  });
});

describe('translation status', () => {
  it('lists guides by locales with the guard’s counts, and details with file:line, rule, message', async () => {
    const page = await open('/ru/status/');
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    expect((await page.locator('h1').first().innerText()).trim()).toBe(stringsFor('ru').status);
    const ruFile = Object.keys(check.verdicts).find((f) => f.endsWith('/ru/aws_layer7.md'))!;
    const ruDiagnostics = check.diagnostics.filter((d) => d.file === ruFile);
    const errors = ruDiagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    const cell = page.locator('tr[data-guide="aws_layer7"] td[data-locale="ru"]');
    expect(await cell.getAttribute('data-state')).toBe('errors');
    expect(await cell.getAttribute('data-errors')).toBe(String(errors.length));
    expect(await cell.getAttribute('data-warnings')).toBe(String(ruDiagnostics.filter((d) => d.severity === 'warning').length));
    expect(await page.locator('tr[data-guide="gcp_layer7"] td[data-locale="ru"]').getAttribute('data-state')).toBe('missing');
    expect(await page.locator('tr[data-guide="aws_layer7"] td[data-locale="de"]').getAttribute('data-state')).not.toBe('missing');
    // The cell links to the details, which list each ru finding.
    await cell.locator('a').click();
    const details = page.locator('[data-pg-diagnostics="ru"]').first();
    const rows = await details.locator('[data-rule]').evaluateAll((items) => items.map((item) => (item as HTMLElement).innerText));
    for (const d of errors) expect(rows.some((row) => row.includes(`ru/aws_layer7.md:${d.line}:${d.column}`) && row.includes(d.rule))).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOTS, 'status-ru.png'), fullPage: true });
    await page.close();
  });
});

describe('untrusted content', () => {
  for (const path of ['/de/hostile/', '/ru/hostile/']) {
    it(`runs no script from a hostile guide (${path})`, async () => {
      const page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.goto(server.origin + path, { waitUntil: 'load' });
      await page.waitForTimeout(300);
      const content = page.locator('.sl-markdown-content');
      // Hover and click everything the guide could have armed.
      for (const element of await content.locator('a, img, b, div, details, svg').all()) {
        await element.hover({ timeout: 1_000, force: true }).catch(() => undefined);
      }
      for (const link of await content.locator('a[href]').all()) {
        const href = (await link.getAttribute('href')) ?? '';
        expect(href).not.toMatch(/^\s*(javascript|vbscript|data):/i);
      }
      expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
      expect(await page.title()).toContain('Feindliche Anleitung');
      expect(await page.title()).not.toBe('pwned');
      expect(dialogs).toEqual([]);
      const active = await content.evaluate((root) => {
        const found: string[] = [];
        for (const element of root.querySelectorAll('*')) {
          const name = element.tagName.toLowerCase();
          if (['script', 'iframe', 'object', 'embed', 'form', 'base', 'meta', 'style', 'frame'].includes(name) && !element.closest('.expressive-code')) found.push(name);
          for (const attribute of element.getAttributeNames()) if (/^on/i.test(attribute) || attribute === 'srcdoc') found.push(`${name}[${attribute}]`);
        }
        return found;
      });
      expect(active).toEqual([]);
      // The guide's code still shows the markup, as text.
      expect(await content.locator('pre').first().innerText()).toContain("<script>window.__pwned = 'code-block'</script>");
      await page.close();
    });
  }
});
