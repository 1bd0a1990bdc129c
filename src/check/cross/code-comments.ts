/**
 * A code block's comments apart from its code, for telling identifiers in prose: a plain word the
 * code only mentions in a comment (`# add the entity to the list`) is prose, not a name a reader
 * types, while a comment can still show a name (Milvus examples print their output as comments:
 * `# "state": "<LoadState: NotLoad>"`).
 *
 * A lexical pass per language family, not a parse, because it must also read code that does not
 * parse. Strings are kept whole, so `"#0092E4"` and `'http://host'` stay code.
 */
import type { CodeLanguage } from '../../core/model.ts';

type CommentStyle = 'python' | 'shell' | 'yaml' | 'c' | 'hash-lines' | null;

const C_LIKE = new Set(['javascript', 'js', 'jsx', 'typescript', 'ts', 'tsx', 'java', 'go', 'golang', 'c', 'cpp', 'c++', 'csharp', 'cs', 'rust', 'kotlin', 'scala', 'swift', 'php']);
const HASH_LINES = new Set(['toml', 'ini', 'conf', 'cfg', 'properties', 'dockerfile', 'docker', 'makefile', 'r']);

function commentStyleOf(language: CodeLanguage, lang: string | null): CommentStyle {
  if (language === 'python') return 'python';
  if (language === 'shell') return 'shell';
  if (language === 'yaml') return 'yaml';
  const name = lang?.toLowerCase() ?? '';
  if (C_LIKE.has(name)) return 'c';
  if (HASH_LINES.has(name)) return 'hash-lines';
  return null;
}

export interface SplitCode {
  /** The text with each comment's characters blanked to spaces, its line ends kept (same length and lines). */
  code: string;
  /** The comments, one per line. */
  comments: string;
}

export function splitComments(text: string, language: CodeLanguage, lang: string | null): SplitCode {
  const style = commentStyleOf(language, lang);
  const ranges = style === null ? [] : style === 'hash-lines' ? hashLineComments(text) : scanComments(text, style);
  if (ranges.length === 0) return { code: text, comments: '' };
  let code = '';
  let comments = '';
  let at = 0;
  for (const [start, end] of ranges) {
    code += text.slice(at, start) + text.slice(start, end).replace(/[^\n]/g, ' ');
    comments += text.slice(start, end) + '\n';
    at = end;
  }
  return { code: code + text.slice(at), comments };
}

/** `#` or `;` first on a line (INI, TOML, Dockerfile). */
function hashLineComments(text: string): Array<[number, number]> {
  const comments: Array<[number, number]> = [];
  for (const match of text.matchAll(/^[\t ]*[#;][^\n]*/gm)) comments.push([match.index, match.index + match[0].length]);
  return comments;
}

/** The characters each style must look at; everything between them is skipped by the regex engine. */
const INTERESTING: Record<'python' | 'shell' | 'yaml' | 'c', RegExp> = {
  python: /[#'"\\\n]/g,
  shell: /[#'"\\\n]/g,
  yaml: /[#'"\\\n]/g,
  c: /[/'"`\\\n]/g,
};

/** Whether `#` at `index` starts a shell word (bash only reads it as a comment there). */
function startsShellWord(text: string, index: number): boolean {
  if (index === 0) return true;
  const previous = text.charCodeAt(index - 1);
  // space, tab, line end, ; & | ( ) < >
  return previous === 32 || previous === 9 || previous === 10 || previous === 59 || previous === 38 || previous === 124 || previous === 40 || previous === 41 || previous === 60 || previous === 62;
}

function lineEndFrom(text: string, index: number): number {
  const end = text.indexOf('\n', index);
  return end === -1 ? text.length : end;
}

function scanComments(text: string, style: 'python' | 'shell' | 'yaml' | 'c'): Array<[number, number]> {
  const comments: Array<[number, number]> = [];
  // Each use sets lastIndex before it reads, so the shared expression carries no state over.
  const interesting = INTERESTING[style];
  /** The open string's closing quote, or null outside strings. */
  let quote: string | null = null;
  let tripleQuoted = false;
  let index = 0;
  while (index < text.length) {
    interesting.lastIndex = index;
    const match = interesting.exec(text);
    if (!match) break;
    const at = match.index;
    const char = match[0];
    index = at + 1;
    if (char === '\\') {
      // An escape skips the next character; a shell single-quoted string has none, YAML escapes
      // only in double quotes.
      const escapes = style === 'yaml' ? quote === '"' : !(style === 'shell' && quote === "'");
      if (escapes) index = at + 2;
      continue;
    }
    if (quote !== null) {
      if (char === '\n') {
        // Only these strings span lines; any other one ends at the line end (unbalanced quote).
        if (!(tripleQuoted || style === 'shell' || quote === '`')) quote = null;
      } else if (char === quote) {
        if (tripleQuoted) {
          if (text.startsWith(quote.repeat(3), at)) {
            quote = null;
            tripleQuoted = false;
            index = at + 3;
          }
        } else if (style === 'yaml' && quote === "'" && text.charCodeAt(at + 1) === 39) {
          index = at + 2;
        } else {
          quote = null;
        }
      }
      continue;
    }
    if (char === '\n') continue;
    if (char === '#') {
      const isComment = style === 'python' || (style === 'shell' && startsShellWord(text, at)) || (style === 'yaml' && startsYamlComment(text, at));
      if (isComment) {
        const end = lineEndFrom(text, at);
        comments.push([at, end]);
        index = end;
      }
      continue;
    }
    if (char === '/') {
      const next = text.charCodeAt(at + 1);
      if (next === 47 /* / */) {
        const end = lineEndFrom(text, at);
        comments.push([at, end]);
        index = end;
      } else if (next === 42 /* * */) {
        const close = text.indexOf('*/', at + 2);
        const end = close === -1 ? text.length : close + 2;
        comments.push([at, end]);
        index = end;
      }
      continue;
    }
    // A quote opens a string; in YAML only where a scalar can start (not the `'` of `it's`).
    if (style === 'yaml' && !startsYamlScalar(text, at)) continue;
    quote = char;
    if (style === 'python' && text.startsWith(char.repeat(3), at)) {
      tripleQuoted = true;
      index = at + 3;
    }
  }
  return comments;
}

/** YAML reads `#` as a comment at a line start or after white space. */
function startsYamlComment(text: string, index: number): boolean {
  if (index === 0) return true;
  const previous = text.charCodeAt(index - 1);
  return previous === 32 || previous === 9 || previous === 10;
}

/** A YAML quoted scalar starts a line's content or follows `: `, `- `, `[`, `{` or `,`. */
function startsYamlScalar(text: string, index: number): boolean {
  let before = index - 1;
  while (before >= 0 && (text.charCodeAt(before) === 32 || text.charCodeAt(before) === 9)) before--;
  if (before < 0) return true;
  const previous = text[before]!;
  return previous === '\n' || previous === ':' || previous === '-' || previous === '[' || previous === '{' || previous === ',' || previous === '?';
}
