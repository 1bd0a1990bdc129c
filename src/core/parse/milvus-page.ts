/**
 * What a Milvus page's markup means to a reader, shared by the two ways a page becomes mdast (the
 * HTML tree path in milvus-html.ts and the direct reader in direct-reader.ts).
 */
import type { AsideVariant } from '../model.ts';
import { lookupTable } from '../content-keys.ts';

/** Where the Milvus site lives: its relative `/docs/…` links are made absolute against it. */
export const MILVUS_SITE = 'https://milvus.io';

/** Alert boxes by class (`div.alert.note`), as asides. */
export const ASIDE_CLASSES = lookupTable<AsideVariant>({
  note: 'note',
  notes: 'note',
  info: 'note',
  tip: 'tip',
  warning: 'caution',
  caution: 'caution',
  danger: 'danger',
});

/** Classes that make a `<div>` an alert box. */
export const ALERT_CLASSES: ReadonlySet<string> = new Set(['alert', 'alter', 'admonition']);

/**
 * Milvus tab bars (`div.multipleCode` over code in several languages, `div.filter` over
 * alternative sections) are links to fragments only the Milvus site's script understands. Outside
 * that site they lead nowhere, so they are kept as their labels, not as links.
 */
export const TAB_BARS: ReadonlySet<string> = new Set(['multipleCode', 'filter']);

/** The aside an alert box's classes make (a note when none names a kind). */
export function asideVariant(classes: readonly string[]): AsideVariant {
  return classes.map((name) => ASIDE_CLASSES[name]).find(Boolean) ?? 'note';
}

/** A link's target as the page means it: the site's own `/docs/…` paths made absolute. */
export function linkTarget(href: string): string {
  return href.startsWith('/docs/') ? MILVUS_SITE + href : href;
}

/** The code block's language from a `language-…` class, or null. */
export function languageOfClasses(classes: readonly string[]): string | null {
  for (const name of classes) if (name.startsWith('language-')) return name.slice('language-'.length);
  return null;
}

/**
 * The copy button sits on its own line after the code: the line ends before it are layout, not
 * code, and a copied block never ends in a newline.
 */
export function withoutTrailingLineEnds(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return end === text.length ? text : text.slice(0, end);
}
