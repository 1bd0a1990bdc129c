/**
 * Content loaders of the site: the docs collection (one entry per guide and locale, plus a landing
 * page per locale) and the status collection (the guard's findings by guide and locale).
 *
 * How a guide becomes a page: the core library parses the file (parseGuideFile, the same parser
 * as the CLI and the guard), guide-to-mdast.ts renders the step model with the guard's verdicts as
 * Markdown, and the loader context's `renderMarkdown` runs the site's Markdown pipeline on it
 * (remark-polyguide.ts, Starlight's asides and heading links, Expressive Code). The result is
 * stored as the entry's rendered HTML, so Starlight's own route renders it, with its table of
 * contents, language picker, fallback notices and Pagefind attributes.
 *
 * Entries get a virtual file path inside Starlight's docs folder (src/content/docs/<locale>/…):
 * Starlight derives the sidebar and the language of Markdown transforms (aside titles) from that
 * path, and it is never read. The real source path is kept in `data.polyguide.source`.
 */
import type { Loader, LoaderContext } from 'astro/loaders';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundledLanguagesInfo } from 'shiki/langs';
import { codeBlocks } from '../core/walk.ts';
import type { SiteSettings } from './config.ts';
import { displayPath, LOCALE_INFO, sourcePath } from './config.ts';
import { checkSource } from './guard.ts';
import { stringsFor } from './i18n.ts';
import { guideToMarkdown } from './render/guide-to-mdast.ts';
import { runbookMarkdown } from './render/runbook-section.ts';
import { publishedRunbook, RUNBOOK_METADATA_KEY } from './runbook.ts';
import { findScriptVectors } from './render/sanitize.ts';
import { loadSiteModel, statusRows, virtualDocsPath, type SiteGuide, type SiteModel } from './site-model.ts';

export interface GuideEntryData {
  title: string;
  description?: string;
  polyguide?: {
    guide: string;
    locale: string;
    source: string;
    steps: number;
    blocks: number;
    replaced: number[];
    withheld: number[];
  };
}

/** Pages of the last run: rendered, or reused from Astro's data store because nothing changed. */
export const loaderStats = { pages: 0, rendered: 0, reused: 0, renderMs: 0 };

type RenderedContent = Awaited<ReturnType<LoaderContext['renderMarkdown']>>;
interface RunState {
  previous: Map<string, { digest?: string | number; rendered?: RenderedContent }>;
  fingerprint: string;
}

/** Languages Expressive Code can highlight (Shiki's bundle); other fences are shown as plain text. */
const KNOWN_LANGUAGES = new Set(['text', 'txt', 'plaintext', 'plain', 'ansi', ...bundledLanguagesInfo.flatMap((info) => [info.id, ...(info.aliases ?? [])])]);
const knownLanguage = (lang: string): boolean => KNOWN_LANGUAGES.has(lang);

/**
 * What a page's HTML depends on besides its Markdown: the Markdown pipeline's code and config and
 * the installed packages. A page whose Markdown and fingerprint are unchanged keeps its HTML from
 * the previous build (Astro persists the data store), which makes rebuilds of a large site cheap.
 */
function pipelineFingerprint(root: string): string {
  const files = ['astro.config.mjs', 'ec.config.mjs', 'package-lock.json', 'src/site/i18n.ts'];
  for (const name of readdirSync(join(root, 'src/site/render'))) files.push(`src/site/render/${name}`);
  return files.map((file) => {
    try {
      return `${file}\n${readFileSync(join(root, file), 'utf8')}`;
    } catch {
      return `${file}\n-`;
    }
  }).join('\n');
}

export function guidesLoader(settings: SiteSettings): Loader {
  return {
    name: 'polyguide-guides',
    load: async (context) => {
      const model = await loadSiteModel(settings);
      const started = performance.now();
      const run: RunState = { previous: new Map(context.store.entries()), fingerprint: context.generateDigest(pipelineFingerprint(settings.root)) };
      context.store.clear();
      loaderStats.rendered = 0;
      loaderStats.reused = 0;
      for (const failure of model.failures) context.logger.warn(`${failure.file}: not published: ${failure.message}`);
      for (const locale of settings.locales) await storeLandingPage(context, model, locale, run);
      for (const guide of model.guides) await storeGuide(context, model, guide, run);
      loaderStats.pages = model.guides.length + settings.locales.length;
      loaderStats.renderMs = performance.now() - started;
      context.logger.info(
        `${model.guides.length} guides in ${settings.locales.join(', ')} from ${displayPath(settings.root, settings.contentDir)}: parsed in ${Math.round(model.timings.parse)} ms, guard result from the ${checkSource ?? 'guard'}; ${loaderStats.rendered} pages rendered, ${loaderStats.reused} unchanged, in ${Math.round(loaderStats.renderMs)} ms`,
      );
    },
  };
}

export function statusLoader(settings: SiteSettings): Loader {
  return {
    name: 'polyguide-status',
    load: async (context) => {
      const model = await loadSiteModel(settings);
      context.store.clear();
      for (const row of statusRows(model)) {
        const data = await context.parseData({ id: row.guide, data: row as unknown as Record<string, unknown> });
        context.store.set({ id: row.guide, data, digest: context.generateDigest(data as Record<string, unknown>) });
      }
      const summary = { ...model.check.result.summary, locales: settings.locales, defaultLocale: settings.defaultLocale };
      context.store.set({ id: '_summary', data: await context.parseData({ id: '_summary', data: { guide: '_summary', title: '', cells: {}, diagnostics: [], summary } }) });
    },
  };
}

/**
 * Starlight's i18n collection, holding the site's own UI strings (see i18n.ts) under `polyguide.*`
 * so Starlight components and route middleware can read them with `Astro.locals.t()`.
 */
export function uiStringsLoader(settings: SiteSettings): Loader {
  return {
    name: 'polyguide-ui-strings',
    load: async (context) => {
      context.store.clear();
      for (const locale of settings.locales) {
        const strings = stringsFor(locale);
        const lang = LOCALE_INFO[locale]!.lang;
        const data = { 'polyguide.status': strings.status, 'polyguide.guides': strings.guides, 'polyguide.output': strings.output };
        context.store.set({ id: lang, data: await context.parseData({ id: lang, data }) });
      }
    },
  };
}

async function storeGuide(context: LoaderContext, model: SiteModel, entry: SiteGuide, run: RunState): Promise<void> {
  const { settings, check } = model;
  const strings = stringsFor(entry.locale);
  const verdicts = check.verdictsFor(entry.absolutePath);
  const rendered = guideToMarkdown(entry.guide, {
    strings,
    verdicts,
    showPath: (file) => sourcePath(settings, check.absolute(file)),
    knownLanguage,
  });
  // The runbook (files to download, the script) from the same step model and verdicts as the
  // page, so both publish the same blocks; its section ends the page (see runbook.ts).
  const runbook = publishedRunbook(entry.guide, verdicts, { file: entry.sourcePath, page: `/${entry.entryId}/` });
  const section = runbookMarkdown(runbook, strings, entry.locale);
  const markdown = section ? `${rendered.markdown}\n${section}` : rendered.markdown;
  const { html, digest } = await render(context, settings, entry.entryId, markdown, run);
  const data: GuideEntryData = {
    title: entry.guide.title,
    ...(entry.guide.summary ? { description: entry.guide.summary } : {}),
    polyguide: {
      guide: entry.id,
      locale: entry.locale,
      source: entry.sourcePath,
      steps: rendered.steps,
      blocks: codeBlocks(entry.guide).length,
      replaced: rendered.replaced,
      withheld: rendered.withheld,
    },
  };
  context.store.set({
    id: entry.entryId,
    data: await context.parseData({ id: entry.entryId, data: data as unknown as Record<string, unknown> }),
    // Always this build's runbook, also when the HTML is reused from the previous build.
    rendered: { ...html, metadata: { ...(html.metadata ?? {}), [RUNBOOK_METADATA_KEY]: runbook } },
    filePath: virtualDocsPath(entry.entryId),
    digest,
  });
}

/** `/de/`: what the site holds in this language, and where its translation status is. */
async function storeLandingPage(context: LoaderContext, model: SiteModel, locale: string, run: RunState): Promise<void> {
  const strings = stringsFor(locale);
  const own = model.guides.filter((guide) => guide.locale === locale);
  const fallback = model.guides.filter((guide) => guide.locale === model.settings.defaultLocale && !own.some((o) => o.slug === guide.slug));
  const line = (guide: SiteGuide, marker: string): string => `- [${escapeText(guide.guide.title)}](/${locale}/${guide.slug}/)${marker}`;
  const markdown = [
    escapeText(strings.tagline),
    '',
    `## ${escapeText(strings.guides)}`,
    '',
    ...own.map((guide) => line(guide, '')),
    ...fallback.map((guide) => line(guide, ` (${model.settings.defaultLocale})`)),
    '',
    `## ${escapeText(strings.status)}`,
    '',
    `[${escapeText(strings.status)}](/${locale}/status/)`,
    '',
  ].join('\n');
  const { html, digest } = await render(context, model.settings, locale, markdown, run);
  const data = { title: strings.siteTitle, description: strings.tagline, sidebar: { hidden: true }, pagefind: false, tableOfContents: false };
  context.store.set({
    id: locale,
    data: await context.parseData({ id: locale, data }),
    rendered: html,
    filePath: virtualDocsPath(`${locale}/index`),
    digest,
  });
}

/** The page's HTML: from the previous build when its inputs are unchanged, else rendered now. */
async function render(context: LoaderContext, settings: SiteSettings, entryId: string, markdown: string, run: RunState): Promise<{ html: RenderedContent; digest: string }> {
  const digest = context.generateDigest(`${run.fingerprint}\n${entryId}\n${markdown}`);
  const previous = run.previous.get(entryId);
  if (previous?.digest === digest && previous.rendered) {
    loaderStats.reused++;
    return { html: previous.rendered, digest };
  }
  const fileURL = pathToFileURL(join(settings.root, virtualDocsPath(entryId)));
  const rendered = await context.renderMarkdown(markdown, { fileURL });
  const vectors = findScriptVectors(rendered.html);
  if (vectors.length > 0) {
    throw new Error(`Refusing to publish ${entryId}: its HTML could run script (${vectors.slice(0, 5).join(', ')})`);
  }
  loaderStats.rendered++;
  return { html: rendered, digest };
}

/** Text for a Markdown line written by hand (titles in the landing page). */
function escapeText(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|:~&]/g, (c) => `\\${c}`);
}
