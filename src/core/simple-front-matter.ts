/**
 * A fast reader for the front matter guides actually carry: one `key: value` per line, the value
 * a plain word or sentence, a single-quoted string, `true`/`false`, a small integer, or a folded
 * (`>-`, `>`) or literal (`|-`, `|`) block of evenly indented lines.
 *
 * For such YAML it returns exactly what the yaml package's `parseDocument(raw).toJS()` returns;
 * for anything else (comments, flow collections, anchors, quoting it would have to unescape,
 * numbers in other notations, more-indented or blank lines in a block, a repeated key…) it
 * returns null and the caller parses with the yaml package, which also reports the errors. The
 * corpus suite compares both on every page, and its tests compare them on damaged front matter.
 * It exists because the yaml package is most of the cost of reading a small page's front matter.
 */

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?: (.*))?$/;
/** What a plain scalar may not start with, contain or end with to stay a plain, one-line string. */
const PLAIN_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;
const PLAIN_TROUBLE = /: |\s#|:$|\t|\s$/;
/** Plain values the core schema reads as something other than a string (or might). */
const NOT_A_STRING = /^(?:[-+.\d]|~$|(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$|\.(?:inf|Inf|INF|nan|NaN|NAN)$)/;
const BLOCK_HEADER = /^([>|])(-?)$/;

export function readSimpleFrontMatter(raw: string): Record<string, unknown> | null {
  const lines = raw.split('\n');
  // The raw text ends with the line end before the closing fence.
  if (lines.at(-1) === '') lines.pop();
  const data: Record<string, unknown> = {};
  for (let index = 0; index < lines.length; index++) {
    const match = KEY_LINE.exec(lines[index]!);
    if (!match) return null;
    const key = match[1]!;
    // A repeated key is an error, and a key the schema reads as null or a boolean is no string.
    if (Object.hasOwn(data, key) || key === '__proto__' || NOT_A_STRING.test(key)) return null;
    const value = match[2];
    if (value === undefined || value === '') return null;
    const block = BLOCK_HEADER.exec(value);
    if (block) {
      const body: string[] = [];
      while (index + 1 < lines.length && lines[index + 1]!.startsWith(' ')) body.push(lines[++index]!);
      const text = blockScalar(body, block[1] === '>', block[2] === '-');
      if (text === null) return null;
      data[key] = text;
      continue;
    }
    // A value continued on the next line (a multi-line plain or quoted scalar) is the yaml package's.
    if (index + 1 < lines.length && /^\s/.test(lines[index + 1]!)) return null;
    const scalar = singleLineScalar(value);
    if (scalar === undefined) return null;
    data[key] = scalar;
  }
  return data;
}

function singleLineScalar(value: string): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^(?:0|[1-9]\d{0,14})$/.test(value)) return Number(value);
  if (value.startsWith("'")) {
    // 'It''s' → It's; nothing may follow the closing quote.
    const quoted = /^'((?:[^']|'')*)'$/.exec(value);
    if (!quoted || /[\t\\]/.test(quoted[1]!)) return undefined;
    return quoted[1]!.replaceAll("''", "'");
  }
  if (PLAIN_START.test(value) || PLAIN_TROUBLE.test(value) || NOT_A_STRING.test(value)) return undefined;
  return value;
}

/**
 * The lines of a block scalar, all indented alike: folded ones join with spaces, literal ones
 * with line ends; `-` drops the final line end, otherwise one is kept.
 */
function blockScalar(body: string[], folded: boolean, strip: boolean): string | null {
  if (body.length === 0) return null;
  const indent = /^ */.exec(body[0]!)![0].length;
  const contents: string[] = [];
  for (const line of body) {
    const content = line.slice(indent);
    // More or less indentation, blank lines, tabs and trailing spaces fold in ways of their own.
    if (line.length <= indent || !line.startsWith(' '.repeat(indent)) || /^\s|\s$|\t/.test(content)) return null;
    contents.push(content);
  }
  const text = contents.join(folded ? ' ' : '\n');
  return strip ? text : `${text}\n`;
}
