/** cross/missing-section: a heading anchor the reference has and the translation lacks. */
import type { Section } from '../../../core/model.ts';
import { firstPlace, sectionsByAnchor } from '../../../core/walk.ts';
import { oneLine } from '../../../core/code-in-message.ts';
import type { SetRule } from './rule.ts';

const rule: SetRule = {
  meta: { id: 'cross/missing-section', description: 'Every section of the reference exists in each locale', severity: 'warning' },
  messages: {
    missing: 'Unexpected guide without the section `#{{anchor}}` ("{{title}}"), expected it as in the {{locale}} reference',
  },
  check(context) {
    const anchorsByLocale = new Map<string, Map<string, Section>>();
    for (const [locale, guide] of context.guides) anchorsByLocale.set(locale, sectionsByAnchor(guide));
    const locales = [...context.guides.keys()];
    const owners = context.plan.mode === 'source' ? [context.plan.source!] : locales;
    const reported = new Set<string>();
    for (const owner of owners) {
      for (const [anchor, section] of anchorsByLocale.get(owner) ?? []) {
        const having = locales.filter((locale) => anchorsByLocale.get(locale)!.has(anchor));
        if (context.plan.mode === 'majority' && having.length * 2 <= locales.length) continue;
        for (const locale of locales) {
          if (having.includes(locale) || reported.has(`${locale}#${anchor}`)) continue;
          reported.add(`${locale}#${anchor}`);
          const guide = context.guides.get(locale)!;
          context.report({
            messageId: 'missing',
            // A heading left open takes in what follows (code blocks too): its title is shown on one line, cut.
            data: { anchor, title: oneLine(section.titleText, 60), locale: owner },
            locale,
            at: firstPlace(guide),
            reference: { locale: owner, at: section.position?.start ?? { line: 1, column: 1 } },
          });
        }
      }
    }
  },
};

export default rule;
