/**
 * The runbook a guide page publishes (src/site/runbook.ts), without a build: from the step model
 * through buildRunbook/runbookScript with the real guard's verdicts, and its page section through
 * the site's remark plugin. The browser suite (site.test.ts) checks the built downloads.
 */
import type { Root as HastRoot } from 'hast';
import { join, resolve } from 'node:path';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { checkPaths } from '../../src/check/index.ts';
import type { BlockVerdict, CheckResult } from '../../src/check/types.ts';
import { parseGuideFile, parseGuideText } from '../../src/core/parse/index.ts';
import { codeBlocks } from '../../src/core/walk.ts';
import { buildRunbook, runbookScript } from '../../src/run/index.ts';
import { stringsFor } from '../../src/site/i18n.ts';
import { guideToMarkdown } from '../../src/site/render/guide-to-mdast.ts';
import { recordExactCopy, rehypeExactCopy } from '../../src/site/render/rehype-exact-copy.ts';
import { remarkPolyguide } from '../../src/site/render/remark-polyguide.ts';
import { runbookMarkdown } from '../../src/site/render/runbook-section.ts';
import { downloadFiles, downloadPath, publishedRunbook, runbookJson, saveAsName } from '../../src/site/runbook.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const REVIEW = '# REVIEW THIS SCRIPT BEFORE RUNNING IT.';

let check: CheckResult;
beforeAll(async () => {
  check = await checkPaths(['content'], { cwd: ROOT, cache: false });
}, 120_000);

async function seed(locale: string, id = 'aws_layer7') {
  const file = `content/${locale}/${id}.md`;
  const { guide } = await parseGuideFile(join(ROOT, file), { locale });
  return { guide, file, verdicts: check.verdicts[file] ?? [], page: `/${locale}/${id}/` };
}

async function toHtml(markdown: string): Promise<{ html: string; file: VFile }> {
  const file = new VFile({ value: markdown });
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkDirective).use(remarkPolyguide).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).use(rehypeStringify);
  const html = String(await processor.process(file));
  return { html, file };
}

const withNewline = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

describe('the runbook of a guide page', () => {
  it('is exactly what polyguide export makes of a clean guide', async () => {
    const { guide, file, verdicts, page } = await seed('de');
    const site = publishedRunbook(guide, verdicts, { file, page });
    const exported = buildRunbook({ ...guide, file });
    expect(site.changes).toEqual([]);
    expect(site.runbook).toEqual(exported);
    expect(site.script).toBe(runbookScript(exported));
    expect(site.script.startsWith(`#!/bin/sh\n# ${guide.title}\n`)).toBe(true);
    expect(site.script).toContain(`\n${REVIEW}`);
    expect(site.script).toMatch(/^kubectl apply -f ingress\.yaml$/m);
    const ingress = codeBlocks(guide).find((block) => block.fileName === 'ingress.yaml')!;
    expect(site.downloads).toEqual([
      { file: 0, name: 'ingress.yaml', path: 'ingress.yaml', saveAs: 'ingress.yaml', alternative: null, block: codeBlocks(guide).indexOf(ingress), line: ingress.lines[0]!.line, replacedBy: null },
    ]);
    expect(site.runbook.files[0]!.content).toBe(withNewline(ingress.text));
    expect(parseYaml(site.runbook.files[0]!.content)).toMatchObject({ kind: 'Ingress', spec: { ingressClassName: 'alb' } });
  });

  it('publishes the checked reference version of a broken file block, as the page does, and says so', async () => {
    const { guide, file, verdicts, page } = await seed('ru');
    const verdict = verdicts.find((v) => v.severity === 'error' && v.replacement)!;
    expect(verdict, 'the guard offers the de version of the ru Ingress').toBeDefined();
    const broken = codeBlocks(guide)[verdict.index]!;
    const site = publishedRunbook(guide, verdicts, { file, page });
    const de = publishedRunbook((await seed('de')).guide, (await seed('de')).verdicts, { file: 'content/de/aws_layer7.md', page: '/de/aws_layer7/' });

    const [download] = site.downloads;
    expect(download).toMatchObject({ name: 'ingress.yaml', path: 'ingress.yaml', replacedBy: verdict.replacement!.locale, block: verdict.index, line: broken.lines[0]!.line });
    const content = site.runbook.files[download!.file]!.content;
    expect(content).toBe(withNewline(verdict.replacement!.text));
    expect(content).toBe(de.runbook.files[0]!.content);
    expect(content).not.toBe(withNewline(broken.text));
    expect(() => parseYaml(broken.text)).toThrow();
    expect(parseYaml(content)).toMatchObject({ kind: 'Ingress' });
    // The page shows the same block: guide-to-mdast replaces the same index with the same text.
    const rendered = guideToMarkdown(guide, { strings: stringsFor('ru'), verdicts, showPath: (f) => f });
    expect(rendered.replaced).toEqual([download!.block]);
    expect(rendered.markdown).toContain(verdict.replacement!.text);

    expect(site.changes).toEqual([
      { block: verdict.index, line: broken.lines[0]!.line, role: 'file', fileName: 'ingress.yaml', rules: ['yaml/syntax'], action: 'replaced', locale: 'de' },
    ]);
    // The script: review header first, then the site's note, then `set -eu`; the heredoc holds the reference text.
    const lines = site.script.split('\n');
    const review = lines.findIndex((line) => line.startsWith(REVIEW));
    const note = lines.findIndex((line) => line.includes(`ingress.yaml (content/ru/aws_layer7.md:${broken.lines[0]!.line}) has an error (yaml/syntax): the checked de version is used instead.`));
    expect(lines[0]).toBe('#!/bin/sh');
    expect(review).toBeGreaterThan(0);
    expect(note).toBeGreaterThan(review);
    expect(lines.indexOf('set -eu')).toBeGreaterThan(note);
    expect(site.script).toContain(`<<'POLYGUIDE_EOF'\n${content}POLYGUIDE_EOF\n`);
    expect(site.script).not.toContain(broken.text);
    // runbook.json carries the same runbook and what the site changed.
    const json = JSON.parse(runbookJson(site));
    expect(json.files[0].content).toBe(content);
    expect(json.published.changes).toEqual(site.changes);
    expect(json.published.downloads[0]).toMatchObject({ url: '/ru/aws_layer7/files/ingress.yaml', saveAs: 'ingress.yaml', replacedBy: 'de' });
    expect(json.guide.file).toBe('content/ru/aws_layer7.md');
    // The static files of the page, as the routes write them.
    expect(downloadFiles(site).map((f) => [f.path, f.body()])).toEqual([
      ['/ru/aws_layer7/runbook.sh', site.script],
      ['/ru/aws_layer7/runbook.json', runbookJson(site)],
      ['/ru/aws_layer7/files/ingress.yaml', content],
    ]);
  });

  it('leaves out a withheld block and names it; keeps alternatives apart under the same saved name', async () => {
    const { guide, file, verdicts, page } = await seed('de', 'gcp_layer7');
    const withheld = verdicts.find((v) => v.severity === 'error' && !v.replacement)!;
    expect(withheld, 'the guard rejects a command of de/gcp_layer7 without a replacement').toBeDefined();
    const block = codeBlocks(guide)[withheld.index]!;
    const site = publishedRunbook(guide, verdicts, { file, page });
    expect(site.runbook.commands.map((c) => c.text)).not.toContain(block.text);
    expect(site.runbook.commands.length).toBe(buildRunbook(guide).commands.length - 1);
    expect(site.script).toContain(`# - the command at content/de/gcp_layer7.md:${block.lines[0]!.line} has an error (${withheld.diagnostics[0]!.rule}) and no checked version exists: it is left out, as on the page.`);
    expect(site.downloads.map((d) => d.path)).toEqual(['tls.yaml', 'backendconfig.yaml', 'managed-crt.yaml', 'ingress.yaml', 'ingress.variant-2.yaml']);
    expect(site.downloads.slice(3).map((d) => [d.saveAs, d.alternative?.index, d.alternative?.of])).toEqual([
      ['ingress.yaml', 0, 2],
      ['ingress.yaml', 1, 2],
    ]);
    // tls.yaml keeps its `|+` block scalar's text exactly.
    expect(site.runbook.files[0]!.content).toBe(withNewline(codeBlocks(guide).find((b) => b.fileName === 'tls.yaml')!.text));
  });

  it('lists a withheld file without a link, and offers no download for it', async () => {
    const { guide, file, verdicts, page } = await seed('ru');
    const without: BlockVerdict[] = verdicts.map((v) => (v.replacement ? { ...v, replacement: undefined } : v));
    const site = publishedRunbook(guide, without, { file, page });
    expect(site.runbook.files).toEqual([]);
    expect(site.downloads).toEqual([]);
    expect(site.changes).toMatchObject([{ action: 'withheld', fileName: 'ingress.yaml' }]);
    const { html } = await toHtml(runbookMarkdown(site, stringsFor('ru'), 'ru'));
    expect(html).toContain('<span class="pg-file" data-state="withheld"><code>ingress.yaml</code></span>');
    expect(html).not.toContain('files/ingress.yaml');
    expect(html).toContain(stringsFor('ru').runbookWithheld('ru'));
  });

  it('gives repeated and hostile file names distinct, inert download paths', () => {
    const text = [
      '---',
      'id: names.md',
      'title: Names',
      '---',
      '',
      '# Names {#names}',
      '',
      '```yaml title="config.yaml"',
      'a: 1',
      '```',
      '',
      '```bash',
      'kubectl apply -f config.yaml',
      '```',
      '',
      '```yaml title="./config.yaml"',
      'a: 2',
      '```',
      '',
      '```bash',
      'kubectl apply -f config.yaml',
      '```',
      '',
      '```html title="../../<img src=x onerror=alert(1)>.html"',
      '<script>alert(1)</script>',
      '```',
    ].join('\n');
    const { guide } = parseGuideText('de/names.md', text, { locale: 'de' });
    const site = publishedRunbook(guide, [], { file: 'content/de/names.md', page: '/de/names/' });
    expect(site.downloads.map((d) => [d.path, d.saveAs])).toEqual([
      ['config.yaml', 'config.yaml'],
      ['config.2.yaml', 'config.yaml'],
      ['img-src-x-onerror-alert-1-.html.txt', '-img src=x onerror=alert(1)-.html'],
    ]);
    expect(site.runbook.files.map((f) => f.content)).toEqual(['a: 1\n', 'a: 2\n', '<script>alert(1)</script>\n']);
  });

  it('makes download paths from names: safe segments, inert extensions', () => {
    const cases: Array<[string, string]> = [
      ['ingress.yaml', 'ingress.yaml'],
      ['./config/values.yml', 'config/values.yml'],
      ['../../etc/passwd', 'etc/passwd.txt'],
      ['C:\\temp\\x.json', 'C/temp/x.json'],
      ['index.html', 'index.html.txt'],
      ['logo.svg', 'logo.svg.txt'],
      ['app.js', 'app.js.txt'],
      ['Dockerfile', 'Dockerfile.txt'],
      ['.env', 'env.txt'],
      ['deploy.sh', 'deploy.sh'],
      ['main.py', 'main.py.txt'],
      ['values.YML', 'values.YML'],
      ['файл.yaml', 'yaml.txt'],
      ['..', 'file.txt'],
    ];
    for (const [name, path] of cases) expect(downloadPath(name), name).toBe(path);
    expect(saveAsName('./config/values.yml')).toBe('values.yml');
    expect(saveAsName('a"b<c>.yaml')).toBe('a-b-c-.yaml');
    expect(saveAsName('../')).toBe('file.txt');
  });
});

describe('the runbook section of the page', () => {
  it('links each download with a download attribute, and shows the script as a code block', async () => {
    const { guide, file, verdicts, page } = await seed('ru');
    const site = publishedRunbook(guide, verdicts, { file, page });
    const markdown = runbookMarkdown(site, stringsFor('ru'), 'ru');
    const { html, file: vfile } = await toHtml(markdown);
    expect(html).toContain(`<h2 id="pg-runbook">${stringsFor('ru').runbookTitle}</h2>`);
    expect(html).toContain('<div class="pg-runbook" data-pagefind-ignore="all">');
    expect(html).toContain('<a class="pg-download" href="/ru/aws_layer7/files/ingress.yaml" download="ingress.yaml" data-state="replaced"><code>ingress.yaml</code></a>');
    expect(html).toContain(stringsFor('ru').runbookReplaced('ru', 'de'));
    expect(html).toContain('<a class="pg-download" href="/ru/aws_layer7/runbook.sh" download="runbook.sh"><code>runbook.sh</code></a>');
    expect(html).toContain('<a class="pg-download" href="/ru/aws_layer7/runbook.json" download="runbook.json"><code>runbook.json</code></a>');
    expect(markdown).toContain('```sh pg-role=script frame="code" title="runbook.sh"\n#!/bin/sh\n');
    // What the copy button must copy: the script, final newline and trailing blanks included.
    expect((vfile.data as Record<string, unknown>).polyguideExactCopy).toEqual([site.script]);
  });

  it('turns a download directive with a bad target into plain text', async () => {
    for (const href of ['javascript:alert(1)', '//evil.example/x.sh', '/de/../x', 'https://evil.example/x.sh', '/de/a b']) {
      const { html } = await toHtml(`:pg-download[x]{href="${href}" download="x.sh"}`);
      expect(html, href).toBe('<p><span class="pg-download">x</span></p>');
    }
    const { html } = await toHtml(':pg-download[x]{href="/de/g/runbook.sh" download="../x"}');
    expect(html).toBe('<p><a class="pg-download" href="/de/g/runbook.sh">x</a></p>');
  });
});

describe('exact copy of a runbook script', () => {
  const figure = (code: string): HastRoot => ({
    type: 'root',
    children: [
      {
        type: 'element',
        tagName: 'figure',
        properties: { dataPgRole: 'script' },
        children: [{ type: 'element', tagName: 'div', properties: { className: ['copy'] }, children: [{ type: 'element', tagName: 'button', properties: { dataCode: code }, children: [] }] }],
      },
    ],
  });

  it('writes the recorded script into the copy button Expressive Code rendered', () => {
    const file = new VFile();
    const script = '#!/bin/sh\necho a \\ \n\ncat <<EOF\nkeep:  \nEOF\n';
    recordExactCopy(file, script);
    const tree = figure('#!/bin/sh\u007fecho a \\\u007f\u007fcat <<EOF\u007fkeep:\u007fEOF');
    rehypeExactCopy()(tree, file);
    const button = ((tree.children[0] as { children: Array<{ children: Array<{ properties: Record<string, unknown> }> }> }).children[0]!.children[0]!);
    expect(String(button.properties.dataCode).replace(/\u007f/g, '\n')).toBe(script);
  });

  it('fails rather than leave a lossy copy button when Expressive Code has not run', () => {
    const file = new VFile({ path: 'ru/aws_layer7.md' });
    recordExactCopy(file, 'echo\n');
    expect(() => rehypeExactCopy()({ type: 'root', children: [] }, file)).toThrow(/not rendered by Expressive Code/);
  });
});
