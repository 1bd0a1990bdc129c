/**
 * Everything the site knows about its content, computed once per build: every guide parsed by the
 * core library (the one parser), and the guard's findings. Both content collections (the guide
 * pages and the status data) read it.
 */
import { posix } from 'node:path';
import type { VFileMessage } from 'vfile-message';
import type { Diagnostic, Severity } from '../check/types.ts';
import { discoverGuides } from '../core/layout.ts';
import type { Guide } from '../core/model.ts';
import { parseGuideFile } from '../core/parse/index.ts';
import { codeBlocks } from '../core/walk.ts';
import { sourcePath, type SiteSettings } from './config.ts';
import { CheckIndex, loadCheck } from './guard.ts';

export interface SiteGuide {
  /** The guide's id across locales (front matter id), as the guard knows it. */
  id: string;
  locale: string;
  /** URL path under the locale, e.g. `aws_layer7` or `adminguide/authenticate`. */
  slug: string;
  /** Docs collection id: `<locale>/<slug>`. */
  entryId: string;
  absolutePath: string;
  /** The path a translator edits, e.g. content/ru/aws_layer7.md. */
  sourcePath: string;
  guide: Guide;
  messages: VFileMessage[];
}

export interface SiteModel {
  settings: SiteSettings;
  guides: SiteGuide[];
  /** Files that could not be parsed at all, with the reason. */
  failures: Array<{ file: string; message: string }>;
  check: CheckIndex;
  /** Milliseconds spent parsing and waiting for the guard's result. */
  timings: { parse: number; check: number };
}

const cache = new Map<string, Promise<SiteModel>>();

/** The model for these settings, computed once per process (both collections' loaders share it). */
export function loadSiteModel(settings: SiteSettings): Promise<SiteModel> {
  const key = JSON.stringify([settings.contentDir, settings.locales, settings.checkFile]);
  let model = cache.get(key);
  if (!model) {
    model = buildSiteModel(settings);
    cache.set(key, model);
    model.catch(() => cache.delete(key));
  }
  return model;
}

async function buildSiteModel(settings: SiteSettings): Promise<SiteModel> {
  const checkStarted = performance.now();
  const checkPromise = loadCheck(settings).then((check) => ({ check: new CheckIndex(check), ms: performance.now() - checkStarted }));
  const parseStarted = performance.now();
  const files = (await discoverGuides([settings.contentDir], settings.root)).filter((file) => file.locale !== null && settings.locales.includes(file.locale));
  const guides: SiteGuide[] = [];
  const failures: SiteModel['failures'] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const locale = file.locale!;
    try {
      const { guide, messages } = await parseGuideFile(file.absolutePath, { locale });
      const slug = slugOf(file.relativePath);
      const entryId = `${locale}/${slug}`;
      if (seen.has(entryId)) throw new Error(`Unexpected second guide for ${entryId}`);
      seen.add(entryId);
      guides.push({ id: guide.id, locale, slug, entryId, absolutePath: file.absolutePath, sourcePath: sourcePath(settings, file.absolutePath), guide, messages });
    } catch (error) {
      failures.push({ file: sourcePath(settings, file.absolutePath), message: (error as Error).message });
    }
  }
  const parse = performance.now() - parseStarted;
  const { check, ms } = await checkPromise;
  return { settings, guides, failures, check, timings: { parse, check: ms } };
}

/** `adminGuide/Authenticate.md` → `adminguide/authenticate`: a URL path like Astro's own ids. */
export function slugOf(relativePath: string): string {
  const withoutExtension = relativePath.replace(/\.(md|markdown|html?|txt)$/i, '');
  return withoutExtension
    .split('/')
    .map((segment) =>
      segment
        .toLowerCase()
        .replace(/[^\p{L}\p{N}_.-]+/gu, '-')
        .replace(/^[-.]+|[-.]+$/g, ''),
    )
    .filter((segment) => segment !== '')
    .join('/');
}

export interface StatusCell {
  present: boolean;
  /** Where the guide lives in this locale (source file), when present. */
  file: string | null;
  /** Page URL path (without locale) when the guide has a page in this locale. */
  slug: string | null;
  title: string | null;
  errors: number;
  warnings: number;
  blocks: number;
}

/** A finding as the status page lists it: the guard's diagnostic without the diff texts. */
export type StatusDiagnostic = Omit<Diagnostic, 'guide' | 'expected' | 'actual'>;

export interface StatusRow {
  guide: string;
  /** Title in the default locale when present, else in the first locale that has the guide. */
  title: string;
  cells: Record<string, StatusCell>;
  diagnostics: StatusDiagnostic[];
}

/** Guides by locales, judged from content by the guard: the translation status table. */
export function statusRows(model: SiteModel): StatusRow[] {
  const { settings, check } = model;
  const rows = new Map<string, StatusRow>();
  const row = (id: string): StatusRow => {
    let existing = rows.get(id);
    if (!existing) {
      existing = { guide: id, title: id, cells: {}, diagnostics: [] };
      for (const locale of settings.locales) existing.cells[locale] = { present: false, file: null, slug: null, title: null, errors: 0, warnings: 0, blocks: 0 };
      rows.set(id, existing);
    }
    return existing;
  };
  const fileToGuide = new Map<string, string>();
  for (const [id, byLocale] of Object.entries(check.result.guides ?? {})) {
    for (const [locale, file] of Object.entries(byLocale)) {
      const absolute = check.absolute(file);
      fileToGuide.set(absolute, id);
      const cell = settings.locales.includes(locale) ? row(id).cells[locale] : undefined;
      if (cell) {
        cell.present = true;
        cell.file = sourcePath(settings, absolute);
      }
    }
  }
  for (const guide of model.guides) {
    fileToGuide.set(guide.absolutePath, guide.id);
    const current = row(guide.id);
    const cell = current.cells[guide.locale]!;
    cell.present = true;
    cell.file = guide.sourcePath;
    cell.slug = guide.slug;
    cell.title = guide.guide.title;
    cell.blocks = codeBlocks(guide.guide).length;
  }
  const addDiagnostic = (diagnostic: Diagnostic): void => {
    const absolute = check.absolute(diagnostic.file);
    const id = fileToGuide.get(absolute) ?? (diagnostic.guide || null);
    if (!id) return;
    const current = row(id);
    const locale = diagnostic.locale || model.guides.find((g) => g.absolutePath === absolute)?.locale || '';
    const cell = current.cells[locale];
    if (cell) {
      if (diagnostic.severity === 'error') cell.errors++;
      else if (diagnostic.severity === 'warning') cell.warnings++;
    }
    current.diagnostics.push({
      file: sourcePath(settings, absolute),
      line: diagnostic.line,
      column: diagnostic.column,
      severity: diagnostic.severity,
      rule: diagnostic.rule,
      message: diagnostic.message,
      locale,
      ...(diagnostic.reference ? { reference: { ...diagnostic.reference, file: sourcePath(settings, check.absolute(diagnostic.reference.file)) } } : {}),
    });
  };
  for (const diagnostic of check.result.diagnostics ?? []) addDiagnostic(diagnostic);
  for (const entry of check.result.unreadable ?? []) {
    addDiagnostic({ file: entry.file, line: entry.line, column: entry.column, severity: 'error', rule: 'source/unreadable', message: entry.message, locale: '', guide: '' });
  }
  for (const current of rows.values()) {
    const titled = current.cells[settings.defaultLocale]?.title ?? Object.values(current.cells).find((cell) => cell.title)?.title;
    if (titled) current.title = titled;
    current.diagnostics.sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : a.file < b.file ? -1 : 1));
  }
  return [...rows.values()].sort((a, b) => a.guide.localeCompare(b.guide));
}

/** Path of a collection entry's virtual file in Starlight's docs folder (see loader.ts). */
export function virtualDocsPath(entryId: string): string {
  return posix.join('src/content/docs', `${entryId}.md`);
}
