/**
 * Settings of the docs site, read from the environment so that the same code builds the real
 * content/ folder, a test's scratch folder or an imported corpus.
 *
 *   POLYGUIDE_CONTENT         content root holding one folder per locale (default: content/)
 *   POLYGUIDE_LOCALES         comma-separated site locales (default: the locale folders found there)
 *   POLYGUIDE_DEFAULT_LOCALE  locale that `/` leads to and that missing pages fall back to (default: de)
 *   POLYGUIDE_CHECK_FILE      the guard's CheckResult as JSON, written by scripts/build-site.ts
 *   POLYGUIDE_SITE            absolute origin used for the sitemap and hreflang links
 */
import { readdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { lookupTable } from '../core/content-keys.ts';

export interface LocaleInfo {
  /** Name of the language in itself, shown by the language picker. */
  label: string;
  /** BCP-47 tag written to `<html lang>`, hreflang links and Pagefind's per-language index. */
  lang: string;
}

/** Locales the site knows how to present (Starlight ships UI strings for each of them). */
export const LOCALE_INFO = lookupTable<LocaleInfo>({
  de: { label: 'Deutsch', lang: 'de' },
  ru: { label: 'Русский', lang: 'ru' },
  pt: { label: 'Português', lang: 'pt' },
  id: { label: 'Bahasa Indonesia', lang: 'id' },
  en: { label: 'English', lang: 'en' },
});

/** The site's locales when the content folder cannot be read: the seeds' four. */
export const DEFAULT_LOCALES = ['de', 'ru', 'pt', 'id'];

export interface SiteSettings {
  /** Project root (holds astro.config.mjs). */
  root: string;
  /** Absolute path of the content root. */
  contentDir: string;
  /** Site locales, default locale first. */
  locales: string[];
  defaultLocale: string;
  /** Absolute path of a JSON CheckResult to use instead of running the guard, or null. */
  checkFile: string | null;
  site: string;
}

export function siteSettings(root: string, env: NodeJS.ProcessEnv = process.env): SiteSettings {
  const contentDir = resolve(root, env.POLYGUIDE_CONTENT?.trim() || 'content');
  const requested = (env.POLYGUIDE_LOCALES ?? '')
    .split(',')
    .map((locale) => locale.trim().toLowerCase())
    .filter((locale) => locale !== '');
  let locales = requested.length > 0 ? requested : detectLocales(contentDir);
  if (locales.length === 0) locales = [...DEFAULT_LOCALES];
  const unknown = locales.filter((locale) => !(locale in LOCALE_INFO));
  if (unknown.length > 0) {
    throw new Error(`Unexpected site locale ${unknown.join(', ')}, expected one of ${Object.keys(LOCALE_INFO).join(', ')}`);
  }
  const wanted = env.POLYGUIDE_DEFAULT_LOCALE?.trim().toLowerCase() || 'de';
  const defaultLocale = locales.includes(wanted) ? wanted : locales[0]!;
  locales = [defaultLocale, ...locales.filter((locale) => locale !== defaultLocale)];
  const checkFile = env.POLYGUIDE_CHECK_FILE?.trim() ? resolve(root, env.POLYGUIDE_CHECK_FILE.trim()) : null;
  return { root, contentDir, locales, defaultLocale, checkFile, site: env.POLYGUIDE_SITE?.trim() || 'https://polyguide.example.org' };
}

/** Locale folders of the content root that the site can present, in the order of LOCALE_INFO. */
function detectLocales(contentDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(contentDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name.toLowerCase());
  } catch {
    return [];
  }
  return Object.keys(LOCALE_INFO).filter((locale) => names.includes(locale));
}

/** A path as shown to translators: relative to the project root when inside it. */
export function displayPath(root: string, path: string): string {
  const absolute = isAbsolute(path) ? path : resolve(root, path);
  const prefix = root.endsWith('/') ? root : `${root}/`;
  return absolute.startsWith(prefix) ? absolute.slice(prefix.length) : absolute;
}

/**
 * A content file as shown on the site: relative to the project root, or, for a content folder
 * elsewhere, from the content folder's name on (`content/ru/aws_layer7.md`), as in the repository.
 */
export function sourcePath(settings: Pick<SiteSettings, 'root' | 'contentDir'>, path: string): string {
  const absolute = isAbsolute(path) ? path : resolve(settings.root, path);
  const shown = displayPath(settings.root, absolute);
  if (shown !== absolute) return shown;
  return displayPath(dirname(settings.contentDir), absolute);
}
