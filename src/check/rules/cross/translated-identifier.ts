/**
 * cross/translated-identifier: inline code and emphasised terms that name something in the
 * guide's code (server_name, host, a column such as ADDRESS) must stay untranslated.
 *
 * Per section (paired by anchor), the emphasised terms of each locale are aligned in order; where
 * the reference has a code identifier and the translation has a term that is no code token and
 * the identifier appears nowhere in the translation's section, the identifier was translated.
 */
import type { Guide, Inline, Point, Section, Step } from '../../../core/model.ts';
import { codeBlocks, inlineRuns, inlineText, sectionsByAnchor } from '../../../core/walk.ts';
import { identifierShaped } from '../../cross/tokens.ts';
import type { SetRule } from './rule.ts';
import { MAX_ALIGNMENT_CELLS, pairInOrder } from '../../cross/align.ts';

interface Term {
  text: string;
  at: Point;
  /** Plain text of the paragraph or cell the term sits in. */
  context: string;
  /** Inline code (a strong signal), or emphasis (which also marks plain nouns). */
  inline: boolean;
  /** Whether the paragraph or cell also holds inline code or an identifier-shaped term. */
  nearCode: boolean;
  /** Whether the paragraph or cell also emphasises a phrase of several words (**index parameters**). */
  besidePhrase: boolean;
}

const rule: SetRule = {
  meta: { id: 'cross/translated-identifier', description: 'Identifiers from the code stay untranslated in prose', severity: 'warning' },
  messages: {
    translated: 'Unexpected `{{actual}}`, expected `{{expected}}` (an identifier from the code, untranslated as in the {{locale}} reference)',
    case: 'Unexpected `{{actual}}`, expected `{{expected}}` with the case used in the code',
  },
  check(context) {
    const isIdentifier = (term: string): boolean => context.codeTokens.has(term);
    /**
     * An emphasised plain word (**database**, **schema**) is usually a concept, even when the code
     * has a variable of that name; it counts as an identifier only beside other code in its
     * paragraph (**host** next to **server_name**) or as a value the code quotes ("Completed").
     */
    const isReferenceIdentifier = (term: Term): boolean => isIdentifier(term.text) && !listedWithPhrases(term) && (term.nearCode || isStrongIdentifier(term));
    /**
     * A plain word emphasised beside an emphasised phrase ("determine the **schema** and **index
     * parameters**") is one of a list of concepts, whatever the code names.
     */
    const listedWithPhrases = (term: Term): boolean => term.besidePhrase && !term.inline && !identifierShaped(term.text);
    /** Identifier evidence that does not rest on the paragraph alone: inline code, its shape, a quoted value. */
    const isStrongIdentifier = (term: Term): boolean => term.inline || identifierShaped(term.text) || quotedInCode().has(term.text);
    let quoted: Set<string> | null = null;
    const quotedInCode = (): Set<string> => (quoted ??= quotedLiterals(context.guides.values()));
    const locales = [...context.guides.keys()];
    const references = context.plan.mode === 'source' ? [context.plan.source!] : locales;
    const reported = new Set<string>();
    // Answered once per paragraph and term: a paragraph of thousands of translated terms would be
    // searched again for each of them.
    const kept = new Map<string, Map<string, boolean>>();
    const keptIn = (paragraph: string, text: string): boolean => {
      let answers = kept.get(paragraph);
      if (!answers) kept.set(paragraph, (answers = new Map()));
      let answer = answers.get(text);
      if (answer === undefined) answers.set(text, (answer = paragraph.includes(text)));
      return answer;
    };
    const sectionsOf = new Map(locales.map((locale) => [locale, sectionsByAnchor(context.guides.get(locale)!)]));
    // Without a source locale every locale is a reference in turn: each section's terms are read once.
    const termsBySection = new Map<Section, Term[]>();
    const termsIn = (section: Section): Term[] => {
      let terms = termsBySection.get(section);
      if (!terms) termsBySection.set(section, (terms = termsOf(section.steps)));
      return terms;
    };
    for (const referenceLocale of references) {
      for (const [anchor, referenceSection] of sectionsOf.get(referenceLocale)!) {
        const referenceTerms = termsIn(referenceSection);
        if (!referenceTerms.some(isReferenceIdentifier)) continue;
        const findings: Array<{ locale: string; expected: Term; actual: Term; caseOnly: boolean }> = [];
        let translations = 0;
        for (const locale of locales) {
          if (locale === referenceLocale) continue;
          const section = sectionsOf.get(locale)!.get(anchor);
          if (!section) continue;
          translations++;
          const terms = termsIn(section);
          for (const [r, t] of alignTerms(referenceTerms, terms, isIdentifier)) {
            if (r === null || t === null) continue;
            const expected = referenceTerms[r]!;
            const actual = terms[t]!;
            if (!isReferenceIdentifier(expected) || expected.text === actual.text || isIdentifier(actual.text)) continue;
            const caseOnly = expected.text.toLowerCase() === actual.text.toLowerCase();
            // Kept elsewhere in the same paragraph (e.g. `host` now in plain text): not a translation.
            if (!caseOnly && keptIn(actual.context, expected.text)) continue;
            findings.push({ locale, expected, actual, caseOnly });
          }
        }
        const agreed = agreedConcepts(findings, translations, isStrongIdentifier);
        for (const { locale, expected, actual, caseOnly } of findings) {
          if (agreed.has(expected)) continue;
          const key = `${locale}:${actual.at.line}:${actual.at.column}`;
          if (reported.has(key)) continue;
          reported.add(key);
          context.report({
            messageId: caseOnly ? 'case' : 'translated',
            severity: caseOnly ? 'info' : 'warning',
            data: { actual: actual.text, expected: expected.text, locale: referenceLocale },
            locale,
            at: actual.at,
            reference: { locale: referenceLocale, at: expected.at },
          });
        }
      }
    }
  },
};

export default rule;

/**
 * Emphasised plain words that every translation translated, each in its own words (**database**
 * as Datenbank, basis data, a base de dados, база данных): translators agreeing on that is the
 * mark of a concept, where a translated identifier is one translator's slip (three locales at
 * least: two agreeing is too little to tell). A locale agrees when it translated the word anywhere
 * in the section, even where it kept it once (ru keeps the first **database** of a list and
 * translates the next two). Only terms whose identifier evidence is their paragraph's other code
 * qualify; inline code, identifier-shaped terms and values the code quotes (`red`, `Completed`)
 * are reported however many locales agree.
 */
function agreedConcepts(findings: Array<{ locale: string; expected: Term; caseOnly: boolean }>, translations: number, isStrongIdentifier: (term: Term) => boolean): Set<Term> {
  const locales = new Map<string, Set<string>>();
  for (const finding of findings) {
    if (finding.caseOnly || isStrongIdentifier(finding.expected)) continue;
    let set = locales.get(finding.expected.text);
    if (!set) locales.set(finding.expected.text, (set = new Set()));
    set.add(finding.locale);
  }
  const agreed = new Set<Term>();
  if (translations < 3) return agreed;
  for (const finding of findings) if (locales.get(finding.expected.text)?.size === translations) agreed.add(finding.expected);
  return agreed;
}

/** Inline code, strong and emphasis in prose, lists, asides and tables, in reading order. */
function termsOf(steps: Step[]): Term[] {
  const terms: Term[] = [];
  const collect = (nodes: Inline[], found: Term[]): void => {
    for (const node of nodes) {
      if (node.type === 'inlineCode' || node.type === 'strong' || node.type === 'emphasis') {
        const text = (node.type === 'inlineCode' ? node.value : inlineText(node.children as Inline[])).trim();
        if (text !== '' && text.length <= 60 && node.position) found.push({ text, at: { line: node.position.start.line, column: node.position.start.column }, context: '', inline: node.type === 'inlineCode', nearCode: false, besidePhrase: false });
      } else if ('children' in node) collect(node.children as Inline[], found);
    }
  };
  for (const run of inlineRuns(steps)) {
    const found: Term[] = [];
    collect(run, found);
    if (found.length === 0) continue;
    // The run's text is only needed as the context of its terms; most runs have none.
    const context = inlineText(run);
    // Counted once per paragraph, not compared pairwise: a paragraph may hold thousands of terms.
    const codeLike = (term: Term): boolean => term.inline || identifierShaped(term.text);
    const phrase = (term: Term): boolean => !term.inline && /\s/.test(term.text);
    const codeLikeCount = found.filter(codeLike).length;
    const phraseCount = found.filter(phrase).length;
    for (const term of found) {
      term.context = context;
      term.nearCode = codeLikeCount - (codeLike(term) ? 1 : 0) > 0;
      term.besidePhrase = phraseCount - (phrase(term) ? 1 : 0) > 0;
      terms.push(term);
    }
  }
  return terms;
}

/** Values the guide's code quotes: `"Completed"`, `'red'`. */
function quotedLiterals(guides: Iterable<Guide>): Set<string> {
  const values = new Set<string>();
  for (const guide of guides) {
    for (const block of codeBlocks(guide)) for (const match of block.text.matchAll(/["']([^"'\n]{1,40})["']/g)) values.add(match[1]!);
  }
  return values;
}

/** Needleman–Wunsch over terms: equal terms pair best; a code identifier against a non-identifier is a likely translation. */
function alignTerms(a: Term[], b: Term[], isIdentifier: (term: string) => boolean): Array<[number | null, number | null]> {
  const gap = -0.5;
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_ALIGNMENT_CELLS) return pairInOrder(n, m);
  const width = m + 1;
  // Scores are computed once: traceback reuses them, and `likeness` is the costly part. Each
  // term's lower case and identifier test are taken once, not once per pair.
  const pair = new Float64Array(n * m);
  const lowerB = b.map((term) => term.text.toLowerCase());
  const identifierB = b.map((term) => isIdentifier(term.text));
  for (let i = 0; i < n; i++) {
    const x = a[i]!.text;
    const lowerX = x.toLowerCase();
    const xIsIdentifier = isIdentifier(x);
    for (let j = 0; j < m; j++) {
      const y = b[j]!.text;
      pair[i * m + j] = x === y ? 3 : lowerX === lowerB[j] ? 2.5 : xIsIdentifier && !identifierB[j] ? 0.5 + likeness(x, y) : -1;
    }
  }
  const table = new Float64Array((n + 1) * width);
  for (let i = 1; i <= n; i++) table[i * width] = i * gap;
  for (let j = 1; j <= m; j++) table[j] = j * gap;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      table[i * width + j] = Math.max(table[(i - 1) * width + j - 1]! + pair[(i - 1) * m + j - 1]!, table[(i - 1) * width + j]! + gap, table[i * width + j - 1]! + gap);
    }
  }
  const pairs: Array<[number | null, number | null]> = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && table[i * width + j] === table[(i - 1) * width + j - 1]! + pair[(i - 1) * m + j - 1]!) pairs.push([--i, --j]);
    else if (i > 0 && table[i * width + j] === table[(i - 1) * width + j]! + gap) pairs.push([--i, null]);
    else pairs.push([null, --j]);
  }
  return pairs.reverse();
}

const gramCache = new Map<string, Uint32Array>();

/**
 * The character bigrams of a text in lower case, each packed into one number (two UTF-16 code
 * units) and sorted, so two texts' shared bigrams are counted by one merge, with no hashing.
 */
function bigrams(text: string): Uint32Array {
  let grams = gramCache.get(text);
  if (!grams) {
    const lower = text.toLowerCase();
    grams = new Uint32Array(Math.max(0, lower.length - 1));
    for (let i = 0; i + 1 < lower.length; i++) grams[i] = ((lower.charCodeAt(i) << 16) | lower.charCodeAt(i + 1)) >>> 0;
    grams.sort();
    if (gramCache.size > 50_000) gramCache.clear();
    gramCache.set(text, grams);
  }
  return grams;
}

/** Dice coefficient of character bigrams: `nama_server` is more like `server_name` than `nama` is. */
function likeness(a: string, b: string): number {
  const total = Math.max(0, a.length - 1) + Math.max(0, b.length - 1);
  if (total === 0) return 0;
  const x = bigrams(a);
  const y = bigrams(b);
  // Bigrams both have, with repeats counted as often as both have them (sorted merge).
  let shared = 0;
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    if (x[i] === y[j]) {
      shared++;
      i++;
      j++;
    } else if (x[i]! < y[j]!) i++;
    else j++;
  }
  return (2 * shared) / total;
}
