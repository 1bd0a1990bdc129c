/**
 * cross/link-drift: the links of a section (paired by anchor) lead where the reference's lead.
 *
 * A translation may point the same link at its own locale's copy of a page, so targets are
 * compared without locale and version path segments (`/docs/de/v2.4.x/tls.md` is the reference's
 * `/docs/tls.md/v2.4.x`). In-page links (`#id`) are left to links/anchor, which checks that they
 * resolve. Without a source locale the reference of a section is the strict majority of the
 * locales that have it; with none, the section is not judged.
 */
import type { Point, Section } from '../../../core/model.ts';
import { KNOWN_LOCALES } from '../../../core/locales.ts';
import { sectionLinks, sectionsByAnchor } from '../../../core/walk.ts';
import type { SetRule } from './rule.ts';

interface Link {
  url: string;
  target: string;
  at: Point;
}

/** A documentation site version (`v2.4.x`), not a release tag (`v2.4.23`, which is part of where a link leads). */
const VERSION_SEGMENT = /^v\d+(?:\.\d+)*\.x$/;

const rule: SetRule = {
  meta: { id: 'cross/link-drift', description: 'Links lead where the reference links lead', severity: 'warning' },
  messages: {
    changed: 'Unexpected link to `{{actual}}`, expected `{{expected}}` as in the {{locale}} reference',
    missing: 'Unexpected section without the link to `{{expected}}`, expected it as in the {{locale}} reference',
    extra: 'Unexpected link to `{{actual}}`, expected only the links of the {{locale}} reference',
  },
  check(context) {
    const locales = [...context.guides.keys()];
    const sections = new Map(locales.map((locale) => [locale, sectionsByAnchor(context.guides.get(locale)!)]));
    const anchors = new Set(locales.flatMap((locale) => [...sections.get(locale)!.keys()]));
    const targets = new Map<string, string>();
    for (const anchor of anchors) {
      const links = new Map<string, { section: Section; links: Link[] }>();
      for (const locale of locales) {
        const section = sections.get(locale)!.get(anchor);
        if (section) links.set(locale, { section, links: linksOf(section, targets) });
      }
      const referenceLocale = context.plan.mode === 'source' ? context.plan.source! : majorityOf(links);
      const reference = referenceLocale === null ? undefined : links.get(referenceLocale);
      if (!reference) continue;
      for (const [locale, translation] of links) {
        if (locale === referenceLocale) continue;
        const missing = unmatched(reference.links, translation.links);
        const extra = unmatched(translation.links, reference.links);
        // Paired in order, a missing and an extra link are one link whose target changed.
        for (let index = 0; index < Math.max(missing.length, extra.length); index++) {
          const expected = missing[index];
          const actual = extra[index];
          if (expected && actual) {
            context.report({ messageId: 'changed', data: { actual: actual.url, expected: expected.url, locale: referenceLocale! }, locale, at: actual.at, reference: { locale: referenceLocale!, at: expected.at } });
          } else if (expected) {
            const at = translation.section.position?.start ?? { line: 1, column: 1 };
            context.report({ messageId: 'missing', data: { expected: expected.url, locale: referenceLocale! }, locale, at: { line: at.line, column: at.column }, reference: { locale: referenceLocale!, at: expected.at } });
          } else if (actual) {
            context.report({ messageId: 'extra', data: { actual: actual.url, locale: referenceLocale! }, locale, at: actual.at });
          }
        }
      }
    }
  },
};

export default rule;

/** Where a link leads, whatever locale or version copy of the page it names. */
export function linkTarget(url: string): string {
  const hash = url.indexOf('#');
  const path = hash === -1 ? url : url.slice(0, hash);
  const keep = (segment: string): boolean => !KNOWN_LOCALES.includes(segment.toLowerCase()) && !VERSION_SEGMENT.test(segment);
  const target = path.split('/').filter(keep).join('/');
  if (hash === -1) return target;
  // Milvus writes some links as `page.md#Fragment/v2.4.x`: the version is not part of the fragment.
  return `${target}#${url.slice(hash + 1).split('/').filter(keep).join('/')}`;
}

/** `targets` holds the set's targets by URL: every locale of a guide repeats its links. */
function linksOf(section: Section, targets: Map<string, string>): Link[] {
  const targetOf = (url: string): string => {
    let target = targets.get(url);
    if (target === undefined) targets.set(url, (target = linkTarget(url)));
    return target;
  };
  return sectionLinks(section)
    .filter((link) => !link.url.startsWith('#'))
    .map((link) => ({ ...link, target: targetOf(link.url) }));
}

/**
 * The first link of `from` to each target that `against` never links to. How often a target is
 * linked is the translator's choice (a sentence split in two may link the page twice).
 */
function unmatched(from: Link[], against: Link[]): Link[] {
  const targets = new Set(against.map((link) => link.target));
  const left = new Map<string, Link>();
  for (const link of from) if (!targets.has(link.target) && !left.has(link.target)) left.set(link.target, link);
  return [...left.values()];
}

/** A locale whose set of link targets more than half of the locales share, if any. */
function majorityOf(links: Map<string, { links: Link[] }>): string | null {
  const byKey = new Map<string, string[]>();
  for (const [locale, entry] of links) {
    const key = [...new Set(entry.links.map((link) => link.target))].sort().join('\n');
    byKey.set(key, [...(byKey.get(key) ?? []), locale]);
  }
  for (const group of byKey.values()) if (group.length * 2 > links.size) return group.sort()[0]!;
  return null;
}
