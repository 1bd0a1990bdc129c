/**
 * links/anchor: an in-page link (`#id`) must name a heading id of the page exactly; browsers
 * match fragments case-sensitively, so `#prepare-tls-certificates` does not reach
 * `Prepare-TLS-certificates`.
 */
import type { Guide, Point } from '../../../core/model.ts';
import { sectionLinks } from '../../../core/walk.ts';
import type { SetRule } from '../cross/rule.ts';

const rule: SetRule = {
  meta: { id: 'links/anchor', description: 'In-page links resolve to a heading id', severity: 'warning' },
  messages: {
    case: 'Unexpected link `#{{actual}}`, expected `#{{expected}}` (fragments are case-sensitive)',
    missing: 'Unexpected link `#{{actual}}` to no heading on this page, expected one of its heading ids',
  },
  check(context) {
    for (const [locale, guide] of context.guides) {
      const ids = new Set<string>();
      for (const section of guide.sections) if (section.anchor) ids.add(section.anchor);
      const lower = new Map([...ids].map((id) => [id.toLowerCase(), id]));
      for (const link of inPageLinks(guide)) {
        const fragment = safeDecode(link.fragment);
        if (fragment === '' || ids.has(fragment)) continue;
        const near = lower.get(fragment.toLowerCase());
        context.report({ messageId: near ? 'case' : 'missing', data: { actual: fragment, expected: near ?? '' }, locale, at: link.at });
      }
    }
  },
};

export default rule;

function inPageLinks(guide: Guide): Array<{ fragment: string; at: Point }> {
  return guide.sections.flatMap((section) => sectionLinks(section).filter((link) => link.url.startsWith('#')).map((link) => ({ fragment: link.url.slice(1), at: link.at })));
}

function safeDecode(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}
