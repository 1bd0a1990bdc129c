/**
 * The tokens of a code block's text, for aligning blocks across locales and for telling code
 * identifiers in prose. Both are computed once per distinct text: a guide's blocks mostly repeat
 * verbatim in every locale (and across guides), so a run tokenizes each text once, not once per
 * locale and per use.
 */

import type { CodeLanguage } from '../../core/model.ts';
import { splitComments } from './code-comments.ts';

const CACHE_LIMIT = 20_000;

/** `compute` of a text, remembered; the cache is dropped whole when full (long-running processes). */
function memoizedByText<T>(compute: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      value = compute(text);
      cache.set(text, value);
    }
    return value;
  };
}

/**
 * Separators as a Unicode class and as its ASCII part: almost all code is ASCII, and the ASCII
 * class splits it in about half the time. Both give the same tokens on ASCII text, where letters
 * and digits (`\p{L}`, `\p{N}`) are exactly `A-Za-z0-9`.
 */
interface Separators {
  unicode: RegExp;
  ascii: RegExp;
}

const ALIGNMENT_SEPARATORS: Separators = { unicode: /[^\p{L}\p{N}_.:/-]+/u, ascii: /[^A-Za-z0-9_.:/-]+/ };
const IDENTIFIER_SEPARATORS: Separators = { unicode: /[^\p{L}\p{N}_.-]+/u, ascii: /[^A-Za-z0-9_.-]+/ };
const BEYOND_ASCII = /[^\x00-\x7f]/;

function splitOutside(text: string, separators: Separators): string[] {
  return text.split(BEYOND_ASCII.test(text) ? separators.unicode : separators.ascii);
}

/**
 * Words, paths and `host:port`s longer than one character: what two blocks of the same command
 * share whatever their comments. Callers must not change the returned set (it is shared).
 */
export const alignmentTokens: (text: string) => ReadonlySet<string> = memoizedByText((text) => {
  const tokens = new Set<string>();
  for (const token of splitOutside(text, ALIGNMENT_SEPARATORS)) if (token.length > 1) tokens.add(token);
  return tokens;
});

/** `server_name`, `NotLoad`, `ADDRESS`, `all-MiniLM-L6-v2`, `index.type`: not an ordinary word. */
export function identifierShaped(text: string): boolean {
  return /^[^\s]+$/.test(text) && (/[_.\d]/.test(text) || /[a-z][A-Z]/.test(text) || /^[A-Z]{2,}$/.test(text));
}

/**
 * The identifier tokens of a block for telling identifiers in prose: every token of its code, and
 * of its comments only the identifier-shaped ones (`NotLoad` in printed output, not `list`).
 * Callers must not change the returned set (it is shared).
 */
export function codeIdentifierTokens(text: string, language: CodeLanguage, lang: string | null): ReadonlySet<string> {
  const { code, comments } = splitComments(text, language, lang);
  if (comments === '') return identifierTokens(text);
  const tokens = new Set(identifierTokens(code));
  for (const token of identifierTokens(comments)) if (identifierShaped(token)) tokens.add(token);
  return tokens;
}

/**
 * Every name-like token (`server_name`, `milvus-demo.milvus.io`) and, for dotted ones, each of
 * their parts (`milvus-demo`, `milvus`, `io`). Callers must not change the returned set (it is shared).
 */
export const identifierTokens: (text: string) => ReadonlySet<string> = memoizedByText((text) => {
  const tokens = new Set<string>();
  for (const token of splitOutside(text, IDENTIFIER_SEPARATORS)) {
    if (token === '') continue;
    tokens.add(token);
    if (token.includes('.')) for (const part of token.split('.')) if (part) tokens.add(part);
  }
  return tokens;
});
