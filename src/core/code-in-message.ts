/**
 * Code or text from a guide as a message shows it. The values come from translations, so they may
 * be empty, hold backticks (a stray Markdown fence in a Python block), invisible characters or
 * span lines, and a message is one line in every format (a terminal, an Actions annotation,
 * SARIF): "Unexpected ``, expected `\n`" said nothing, and "Unexpected `````" could not be read.
 */

/** Control characters (but the tab), zero-width characters, bidi controls and the byte order mark. */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
export function codeInMessage(text: string): string {
  if (text === '') return 'nothing';
  // A code span of spaces alone reads as nothing (`           `): the spaces are counted instead.
  if (/^[ \t]+$/.test(text)) return /^ +$/.test(text) ? `${text.length} space${text.length === 1 ? '' : 's'}` : 'white space';
  // Characters that show as nothing or move the text around them (a zero-width space in `mil​vus`
  // made it read as `milvus`) are named by their code point.
  const short = text.replace(/\r\n|\r|\n/g, '↵').replace(INVISIBLE, (char) => `<U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`);
  // As in a Markdown code span: a run of backticks longer than any inside, and a space beside one at an edge.
  const longestRun = Math.max(0, ...(short.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = short.startsWith('`') || short.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${short}${pad}${fence}`;
}

/**
 * Prose or markup from a guide shown inside a message (a heading's title, a tag): on one line, its
 * white space collapsed, cut at `length` characters with `…`.
 */
export function oneLine(text: string, length: number): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
}
