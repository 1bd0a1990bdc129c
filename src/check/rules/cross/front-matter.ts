/** cross/front-matter: every locale of a guide carries the same front matter `id`. */
import type { SetRule } from './rule.ts';

const rule: SetRule = {
  meta: { id: 'cross/front-matter', description: 'Front matter ids correspond across locales', severity: 'warning' },
  messages: {
    id: 'Unexpected front matter id `{{actual}}`, expected `{{expected}}` as in the {{locale}} reference',
  },
  check(context) {
    const ids = new Map<string, string>();
    for (const [locale, guide] of context.guides) {
      const id = guide.frontMatter.id;
      if (typeof id === 'string') ids.set(locale, id);
    }
    let expectedLocale: string | null = context.plan.mode === 'source' ? context.plan.source : null;
    if (expectedLocale === null) {
      const counts = new Map<string, string[]>();
      for (const [locale, id] of ids) counts.set(id, [...(counts.get(id) ?? []), locale]);
      const majority = [...counts.values()].find((locales) => locales.length * 2 > ids.size);
      expectedLocale = majority?.[0] ?? null;
    }
    if (expectedLocale === null || !ids.has(expectedLocale)) return;
    const expected = ids.get(expectedLocale)!;
    for (const [locale, id] of ids) {
      if (id === expected) continue;
      const at = { line: idLine(context.sources.get(locale)), column: 1 };
      const referenceAt = { line: idLine(context.sources.get(expectedLocale)), column: 1 };
      context.report({ messageId: 'id', data: { actual: id, expected, locale: expectedLocale }, locale, at, reference: { locale: expectedLocale, at: referenceAt } });
    }
  },
};

export default rule;

function idLine(source: string | undefined): number {
  const lines = (source ?? '').split('\n', 200);
  const index = lines.findIndex((line, i) => i > 0 && /^id\s*:/.test(line));
  return index === -1 ? 1 : index + 1;
}
