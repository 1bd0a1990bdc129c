/**
 * Inputs that are valid text but would make a parser crawl or overflow its stack: nesting
 * thousands of levels deep, and Markdown constructs whose cost grows with the square of their
 * number (emphasis markers and link label ends per paragraph, setext headings, block quotes and
 * lists per page). Real guides nest a handful of levels and hold a few dozen of each; these
 * limits are far above that and far below where the parsers slow down (micromark needs seconds
 * for a few hundred nested lists and minutes for thousands; the HTML tree conversion runs out of
 * stack near 5,000 levels).
 * Each refusal is a SourceError with the file, the line and what is wrong.
 */
import { SourceError } from '../source.ts';
import { formatCount } from '../format-count.ts';
import { VOID_ELEMENTS } from './html-recoveries.ts';

/** Deepest block quote or list nesting accepted in Markdown. */
export const MAX_MARKDOWN_NESTING = 100;
/** Deepest nesting of `[` brackets accepted in one Markdown paragraph. */
export const MAX_BRACKET_NESTING = 1000;
/**
 * micromark pairs `*` emphasis and `~` strikethrough markers in time that grows with the square of
 * their number in one paragraph (16,000 of them: 5–6 s; 64,000: a minute). The squares of the paragraphs' counts are
 * summed, and a page past this sum (one paragraph of 10,000 markers, or a hundred of 1,000) is
 * refused; real paragraphs hold a few dozen.
 */
export const MAX_EMPHASIS_WORK = 100_000_000;
/**
 * Link label ends (`]`) cost the same way, and more per pair (10,000 `x](` in one paragraph: 5 s;
 * 20,000 `[a](`: 10 s): their squares are summed against a quarter of that budget.
 */
export const MAX_LABEL_END_WORK = 25_000_000;
/**
 * A run of backticks opens a code span only if a run of the same length follows in its paragraph,
 * and micromark reads ahead to that run, or to the paragraph's end when there is none: runs of
 * 1, 2, 3… backticks never close, and 1,500 of them in one paragraph took 24–42 s. The characters
 * read ahead are counted (matched spans cost their length, as in any guide) and summed per page.
 */
export const MAX_CODE_SPAN_WORK = 50_000_000;
/**
 * Every inline construct and line ending in a paragraph splits its text, and micromark merges the
 * pieces back with one array splice each over all of the paragraph's events, so a paragraph's
 * time grows with the square of their number, and varies tenfold from run to run: 10,000 lines of
 * `a b` took 0.3 s and 50,000 took 23 s; 20,000 lines holding a `&amp;` or a `www.` link, 7 s.
 * Counted per paragraph (line endings, `www.`, and the characters that can start a construct:
 * `<`, `&`, `\`, `` ` ``, `[`, `!`, `_`, `@`, `:`), squared and summed per page. The corpus's
 * pages, imported as Markdown, count at most 1,014 in a paragraph (a table) and 2.6 million in a
 * page. `*`, `~` and `]` split text too, but their own limits above bound them, so they are left
 * out here (the square of a sum of three is at most three times the sum of their squares). Lines
 * up to a blank line count as one paragraph, also when they are a tight list or a table, which
 * micromark reads item by item and row by row (10,000 items in 1.2 s): telling them apart needs
 * CommonMark's block rules (`2.` starts no list inside a paragraph), and a wrong guess would let a
 * paragraph through. So a list of some 3,000 linked items without blank lines is refused too.
 */
export const MAX_INLINE_WORK = 100_000_000;
/**
 * Setext headings (a line of `-` or `=` under text) cost micromark time that grows with the square
 * of their number in the page (4,000: 3 s; 8,000: 15 s); `#` headings cost nothing of the kind.
 */
export const MAX_SETEXT_HEADINGS = 2_000;
/**
 * Every block quote or list that ends costs micromark time that grows with the number of events
 * before it, so a page of many separate ones takes time that grows with the square of their
 * number (`> x` paragraphs, lists between paragraphs, sub-lists: 4,000 took 2–6 s, 8,000 took
 * 8–25 s, the fuzzer's 20,000 quotes did not end in 100 s). Counted as they open: a quote when a
 * line is quoted deeper than the line before (a blank line ends quotes), a list when an item starts
 * one (not a further item of the list above it).
 */
export const MAX_MARKDOWN_CONTAINERS = 2_000;
/**
 * A `:::note` container costs micromark time that grows with how many containers hold it: one
 * nest of 100 took 77 ms, of 400 0.64 s, 20 nests of 100 1.5 s, and 2,000 `:::note` lines that
 * are never closed 14 s (notes one after another cost nothing of the kind: 10,000 took 1.2 s).
 * Each container adds how many containers hold it (a nest of 100 adds 4,950); a page past this
 * sum (ten such nests are under it) is refused. Real guides hold a few notes, none inside another.
 */
export const MAX_DIRECTIVE_NESTING_WORK = 50_000;
/** The ASCII characters that MAX_INLINE_WORK counts (`www.` is looked for apart). */
const SPLITS_TEXT = new Uint8Array(128);
for (const character of '<&\\`[!_@:') SPLITS_TEXT[character.charCodeAt(0)] = 1;
/** Depth (counted naively from tags) reported as the likely place when HTML is too deep to convert. */
const HTML_DEPTH_HINT = 1000;

/** Refuse Markdown whose block quotes, lists or brackets nest deeper than the limits, or whose quadratic constructs pass theirs. */
export function checkMarkdownLimits(path: string, text: string): void {
  const lines = text.split('\n');
  let fence: { marker: string; indent: number } | null = null;
  const listIndents: number[] = [];
  let brackets = 0;
  let emphasisWork = 0;
  let markers = 0;
  let labelEndWork = 0;
  let labelEnds = 0;
  let setextHeadings = 0;
  let containers = 0;
  let codeSpanWork = 0;
  /** Colons of each open `:::` container, innermost last, and how many containers held each, summed. */
  const directives: number[] = [];
  let directiveWork = 0;
  let inlineWork = 0;
  /** Line endings and characters that may start an inline construct in the current paragraph. */
  let inlineSplits = 0;
  /** The current paragraph's backtick runs (offset in the paragraph, length), and its length so far. */
  let backtickRuns: Array<[number, number]> = [];
  let paragraphLength = 0;
  let previousQuoteDepth = 0;
  /** The first line of the current paragraph, or null between paragraphs. */
  let paragraphStart: number | null = null;
  const tooMany = (found: number, what: string): never => {
    const line = (paragraphStart ?? 0) + 1;
    throw new SourceError(
      path,
      `Unexpected ${formatCount(found)} ${what} in the paragraph at line ${line}, expected paragraphs with far fewer (the Markdown parser's time grows with the square of their number per paragraph; with the paragraphs before it this page would take minutes, so it is refused)`,
      'source/too-deep',
      { line, column: 1 },
    );
  };
  const endParagraph = (): void => {
    if (backtickRuns.length > 0) {
      codeSpanWork += codeSpanReading(backtickRuns, paragraphLength);
      if (codeSpanWork > MAX_CODE_SPAN_WORK) tooMany(backtickRuns.length, 'backtick runs');
      backtickRuns = [];
    }
    paragraphLength = 0;
    emphasisWork += markers * markers;
    labelEndWork += labelEnds * labelEnds;
    if (emphasisWork > MAX_EMPHASIS_WORK) tooMany(markers, '`*` emphasis or `~` strikethrough markers');
    if (labelEndWork > MAX_LABEL_END_WORK) tooMany(labelEnds, '`]` link label ends');
    inlineWork += inlineSplits * inlineSplits;
    if (inlineWork > MAX_INLINE_WORK) tooMany(inlineSplits, 'line endings and inline constructs (`<`, `&`, `\\`, `` ` ``, `[`, `!`, `_`, `@`, `:` or `www.`)');
    inlineSplits = 0;
    markers = 0;
    labelEnds = 0;
    paragraphStart = null;
  };
  const countContainers = (index: number, opened: number): void => {
    containers += opened;
    if (containers > MAX_MARKDOWN_CONTAINERS) {
      refuse(path, index, 1, `more than ${formatCount(MAX_MARKDOWN_CONTAINERS)} separate block quotes and lists (the Markdown parser's time grows with the square of their number)`, MAX_MARKDOWN_CONTAINERS);
    }
  };
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (fence) {
      if (new RegExp(`^ {0,3}${fence.marker[0] === '`' ? '`' : '~'}{${fence.marker.length},}\\s*$`).test(line.replace(/^(?: {0,3}> ?)*/, ''))) fence = null;
      continue;
    }
    // Block quote markers at the start of the line.
    const quotes = /^(?: {0,3}> ?)*/.exec(line)![0];
    const depth = (quotes.match(/>/g) ?? []).length;
    if (depth > MAX_MARKDOWN_NESTING) refuse(path, index, 1, `block quotes nested ${formatCount(depth)} levels deep`, MAX_MARKDOWN_NESTING);
    if (depth > previousQuoteDepth) countContainers(index, depth - previousQuoteDepth);
    previousQuoteDepth = line.trim() === '' ? 0 : depth;
    const rest = line.slice(quotes.length);
    const directive = /^\s*(:{3,})\s*(\S?)/.exec(rest);
    if (directive) {
      const colons = directive[1]!.length;
      if (directive[2] === '') {
        // A closing line ends every open container whose fence is no longer than its own.
        while (directives.length > 0 && directives.at(-1)! <= colons) directives.pop();
      } else {
        directives.push(colons);
        if (directives.length > MAX_MARKDOWN_NESTING) refuse(path, index, 1, `\`:::\` containers nested ${formatCount(directives.length)} levels deep`, MAX_MARKDOWN_NESTING);
        directiveWork += directives.length - 1;
        if (directiveWork > MAX_DIRECTIVE_NESTING_WORK) refuse(path, index, 1, `\`:::\` containers nested so often that the containers holding each add up to more than ${formatCount(MAX_DIRECTIVE_NESTING_WORK)} (a nest of 100 adds 4,950; the Markdown parser's time grows with them)`, MAX_DIRECTIVE_NESTING_WORK);
      }
    }
    const opening = /^(\s*)(`{3,}|~{3,})/.exec(rest);
    if (opening) {
      fence = { marker: opening[2]!, indent: opening[1]!.length };
      endParagraph();
      continue;
    }
    if (rest.trim() === '') {
      brackets = 0;
      endParagraph();
      continue;
    }
    if (paragraphStart !== null && /^ {0,3}(?:=+|-+)[ \t]*$/.test(rest)) {
      setextHeadings++;
      if (setextHeadings > MAX_SETEXT_HEADINGS) refuse(path, index, 1, `more than ${formatCount(MAX_SETEXT_HEADINGS)} setext headings (a line of \`-\` or \`=\` under text; the Markdown parser's time grows with the square of their number, and \`#\` headings have no such cost)`, MAX_SETEXT_HEADINGS);
    }
    paragraphStart ??= index;
    // List items: a deeper item needs more indentation than the one it is nested in.
    const item = /^(\s*)(?:[-*+]|\d{1,9}[.)])(?:\s|$)/.exec(rest);
    if (item) {
      const indent = item[1]!.replace(/\t/g, '    ').length;
      let continuesList = false;
      while (listIndents.length > 0 && listIndents.at(-1)! >= indent) continuesList = listIndents.pop() === indent;
      if (!continuesList) countContainers(index, 1);
      listIndents.push(indent);
      if (listIndents.length > MAX_MARKDOWN_NESTING) refuse(path, index, indent + 1, `lists nested ${listIndents.length} levels deep`, MAX_MARKDOWN_NESTING);
    } else if (!/^\s/.test(rest)) {
      listIndents.length = 0;
    }
    const lineOffset = paragraphLength;
    paragraphLength += rest.length + 1;
    inlineSplits++;
    for (let column = 0; column < rest.length; column++) {
      const character = rest.charCodeAt(column);
      if (character < 128 && SPLITS_TEXT[character] === 1) inlineSplits++;
      else if ((character | 32) === 119 /* w */ && /^www\./i.test(rest.slice(column, column + 4))) inlineSplits++;
      if (character === 92 /* \ */) column++;
      else if (character === 96 /* ` */) {
        const start = column;
        while (rest.charCodeAt(column + 1) === 96) column++;
        backtickRuns.push([lineOffset + start, column - start + 1]);
      } else if (character === 91 /* [ */) {
        brackets++;
        if (brackets > MAX_BRACKET_NESTING) refuse(path, index, quotes.length + column + 1, `brackets nested more than ${formatCount(MAX_BRACKET_NESTING)} deep`, MAX_BRACKET_NESTING);
      } else if (character === 93 /* ] */) {
        labelEnds++;
        if (brackets > 0) brackets--;
      } else if (character === 42 /* * */ || character === 126 /* ~ */) markers++;
    }
  }
  endParagraph();
}

/**
 * The characters micromark reads ahead from backtick runs in one paragraph: from each run that
 * may open a code span to the next run of its length (the span, after which reading resumes),
 * or to the paragraph's end when none follows (the run is then plain text).
 */
function codeSpanReading(runs: Array<[number, number]>, paragraphLength: number): number {
  const nextOfSameLength = new Int32Array(runs.length).fill(-1);
  const laterByLength = new Map<number, number>();
  for (let index = runs.length - 1; index >= 0; index--) {
    const length = runs[index]![1];
    nextOfSameLength[index] = laterByLength.get(length) ?? -1;
    laterByLength.set(length, index);
  }
  let reading = 0;
  for (let index = 0; index < runs.length; ) {
    const closer = nextOfSameLength[index]!;
    if (closer === -1) {
      reading += paragraphLength - runs[index]![0];
      index++;
    } else {
      reading += runs[closer]![0] - runs[index]![0];
      index = closer + 1;
    }
  }
  return reading;
}

function refuse(path: string, lineIndex: number, column: number, what: string, limit: number): never {
  throw new SourceError(path, `Unexpected ${what}, expected at most ${formatCount(limit)} (the page is refused rather than parsed for minutes)`, 'source/too-deep', { line: lineIndex + 1, column });
}

/** A stack overflow: input nested deeper than a recursive reader can follow. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/**
 * Run a parser, turning a stack overflow (markup nested thousands of levels deep) into a
 * SourceError at the place where the nesting gets deep.
 */
export function withinStack<T>(path: string, text: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
    const place = deepHtmlPlace(text);
    throw new SourceError(path, 'Unexpected markup nested thousands of levels deep, expected a page of ordinary depth (it cannot be converted)', 'source/too-deep', place);
  }
}

/** Where counting open minus closed tags first passes the hint depth; line 1 when it never does. */
function deepHtmlPlace(text: string): { line: number; column: number } {
  let depth = 0;
  const tag = /<(\/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(\/?)>/g;
  for (let match = tag.exec(text); match; match = tag.exec(text)) {
    if (match[1]) depth--;
    else if (!match[3] && !VOID_ELEMENTS.has(match[2]!.toLowerCase())) depth++;
    if (depth > HTML_DEPTH_HINT) {
      const before = text.slice(0, match.index);
      const line = (before.match(/\n/g) ?? []).length + 1;
      return { line, column: match.index - before.lastIndexOf('\n') };
    }
  }
  return { line: 1, column: 1 };
}
