/**
 * YAML front matter: the `---` fenced block every guide starts with, parsed by the yaml package
 * (or, when it is as simple as guides' front matter usually is, by simple-front-matter.ts).
 */
import { parseDocument } from 'yaml';
import { readSimpleFrontMatter } from './simple-front-matter.ts';
import { codeInMessage } from './code-in-message.ts';
import { SourceError } from './source.ts';

export interface FrontMatter {
  data: Record<string, unknown>;
  /** The raw YAML between the fences. */
  raw: string;
  /** Number of lines the front matter block occupies, fences included. */
  lineCount: number;
  /**
   * The whole text with the front matter blanked out (newlines kept), so a body parser reports
   * positions in the original file without any offset arithmetic.
   */
  maskedText: string;
  /**
   * Where the body starts (just after the closing fence): a reader that starts there can read the
   * text itself, and `maskedText`, a copy of the page, is never made.
   */
  bodyStart: number;
}

export function splitFrontMatter(path: string, text: string): FrontMatter {
  if (!/^---[ \t]*\n/.test(text)) {
    const firstLine = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
    throw new SourceError(
      path,
      `Unexpected \`${truncate(firstLine.trim())}\`, expected \`---\` opening the front matter`,
      'source/front-matter-missing',
      { line: 1, column: 1 },
    );
  }
  const close = /\n---[ \t]*(\n|$)/.exec(text.slice(3));
  if (!close) {
    throw new SourceError(path, 'Unexpected end of file in front matter, expected a closing `---`', 'source/front-matter-unclosed', { line: 1, column: 1 });
  }
  const rawStart = text.indexOf('\n') + 1;
  const rawEnd = 3 + close.index + 1;
  const raw = text.slice(rawStart, rawEnd);
  const blockEnd = 3 + close.index + close[0].length;
  const lineCount = countNewlines(text, 0, blockEnd) + (close[1] === '' ? 1 : 0);

  const data = readSimpleFrontMatter(raw) ?? parseYaml(path, raw);
  if (data !== null && (typeof data !== 'object' || Array.isArray(data))) {
    throw new SourceError(path, 'Unexpected front matter that is not a mapping, expected `key: value` lines', 'source/front-matter-shape', { line: 2, column: 1 });
  }
  const maskedText = text.slice(0, blockEnd).replace(/[^\n]/g, ' ') + text.slice(blockEnd);
  return { data: (data ?? {}) as Record<string, unknown>, raw, lineCount, maskedText, bodyStart: blockEnd };
}

function parseYaml(path: string, raw: string): unknown {
  const doc = parseDocument(raw, { prettyErrors: true, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const linePos = problem.linePos?.[0];
    throw new SourceError(
      path,
      frontMatterReason(problem.code, yamlReason(problem.message), raw.split('\n')[(linePos?.line ?? 1) - 1] ?? ''),
      'source/front-matter-yaml',
      { line: (linePos?.line ?? 1) + 1, column: linePos?.col ?? 1 },
    );
  }
  return doc.toJS() as unknown;
}

/**
 * What is wrong with the front matter, in the guard's words for the errors translators make (a
 * quote left open, a key twice, a `---` inside it, a value starting with a backtick), else the
 * yaml package's (its backticks made plain quotes, so that the message's own code spans stay whole).
 */
function frontMatterReason(code: string, reason: string, line: string): string {
  switch (code) {
    case 'MISSING_CHAR': {
      const quote = /"/.test(reason) ? '"' : /'/.test(reason) ? "'" : null;
      if (quote) return `Unexpected ${codeInMessage(quote)} opening a string that never closes in the front matter, expected a closing ${codeInMessage(quote)}`;
      break;
    }
    case 'DUPLICATE_KEY': {
      const key = /^\s*([^:#]+?)\s*:/.exec(line)?.[1];
      return `Unexpected second ${key ? `${codeInMessage(key)} ` : ''}key in the front matter, expected each key once`;
    }
    case 'MULTIPLE_DOCS':
      return 'Unexpected second YAML document in the front matter (a `---` or `...` line inside it), expected one mapping of `key: value` lines';
    case 'BAD_SCALAR_START': {
      const character = /character (.)$/.exec(reason)?.[1];
      if (character) return `Unexpected value starting with ${codeInMessage(character)} in the front matter, expected the value in quotes`;
      break;
    }
    default:
  }
  return `Unexpected front matter that YAML cannot read (${reason.replaceAll('`', "'")}), expected \`key: value\` lines`;
}

/** The yaml package's first message line without its own `at line N, column M:` (relative to the YAML, not the file). */
function yamlReason(message: string): string {
  return message.split('\n')[0]!.replace(/\s+at line \d+, column \d+:?\s*$/, '').replace(/:\s*$/, '');
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}
