/**
 * JSON: `JSON.parse`, with the line and column of the failure. The meaning of a block is its value.
 */
import type { CodeStep } from '../../core/model.ts';
import type { Analysis, CodeProblem, LanguageAdapter } from '../types.ts';

export interface JsonAnalysis extends Analysis {
  meaning: unknown;
}

function locate(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/** Where V8's message says parsing stopped (`at position N`, or `line L column C`); the end of the text otherwise. */
function failureOffset(text: string, message: string): number {
  const position = /at position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) {
    const lines = text.split('\n');
    let offset = 0;
    for (let i = 0; i < Number(lineColumn[1]) - 1 && i < lines.length; i++) offset += lines[i]!.length + 1;
    return offset + Number(lineColumn[2]) - 1;
  }
  return /Unexpected end|Unterminated/.test(message) ? text.length : text.search(/\S/) === -1 ? 0 : text.length;
}

function describeAt(text: string, offset: number): string {
  if (offset >= text.length || text.slice(offset).trim() === '') return 'end of the text';
  const char = text[offset]!;
  if (char === '/' && (text[offset + 1] === '/' || text[offset + 1] === '*')) return 'comment (JSON has none)';
  if (char === "'") return '`\'` string (JSON strings use `"`)';
  if (char === '.' && text.startsWith('...', offset)) return '`...` (an elision is not JSON)';
  if (/[\u201C\u201D\u201E\u00AB\u00BB]/.test(char)) return `typographic quote \`${char}\``;
  const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(offset))?.[0];
  if (word) return `\`${word}\``;
  return char === '\n' ? 'line break' : `\`${char}\``;
}

function expectedFrom(message: string, text: string, offset: number): string {
  const expected = /Expected (.+?)(?: after .+?)? in JSON/.exec(message)?.[1] ?? /Expected (.+?)(?:$|,)/.exec(message)?.[1];
  if (expected) return expected.replace(/'(.)'/g, '`$1`');
  if (/Unterminated string/.test(message)) return 'a closing `"`';
  if (/Bad control character/.test(message)) return 'no raw line breaks or tabs inside a string (write `\\n`, `\\t`)';
  if (/Unexpected end/.test(message) || offset >= text.length) return 'the rest of the value (a closing `}` or `]`?)';
  if (/non-whitespace character after JSON/.test(message)) return 'the end of the text after the value';
  if (text[offset] === ',' || text[offset] === '}' || text[offset] === ']') return 'a value (no trailing comma in JSON)';
  return 'valid JSON';
}

/**
 * A lenient reader for what guides write in JSON blocks but JSON does not allow: JavaScript object
 * literals (unquoted keys, single quotes), comments, trailing commas. Returns the value, or null.
 */
export function parseLenientJson(text: string): { value: unknown } | null {
  let i = 0;
  const n = text.length;
  const fail = (): never => {
    throw new Error('lenient');
  };
  const skip = (): void => {
    for (;;) {
      while (i < n && /\s/.test(text[i]!)) i++;
      if (text.startsWith('//', i)) {
        const end = text.indexOf('\n', i);
        i = end === -1 ? n : end;
      } else if (text.startsWith('/*', i)) {
        const end = text.indexOf('*/', i + 2);
        if (end === -1) fail();
        i = end + 2;
      } else return;
    }
  };
  const string = (): string => {
    const quote = text[i]!;
    let j = i + 1;
    let raw = '';
    while (j < n && text[j] !== quote) {
      if (text[j] === '\n') fail();
      if (text[j] === '\\') {
        raw += text.slice(j, j + 2);
        j += 2;
      } else raw += text[j++];
    }
    if (j >= n) fail();
    i = j + 1;
    try {
      return JSON.parse(`"${raw.replace(/\\'/g, "'").replace(/"/g, '\\"')}"`) as string;
    } catch {
      return raw;
    }
  };
  const value = (): unknown => {
    skip();
    const c = text[i];
    if (c === '{') {
      i++;
      const object: Record<string, unknown> = {};
      for (;;) {
        skip();
        if (text[i] === '}') {
          i++;
          return object;
        }
        let key: string;
        if (text[i] === '"' || text[i] === "'") key = string();
        else {
          const match = /^[A-Za-z_$0-9][\w$-]*/.exec(text.slice(i));
          if (!match) return fail();
          key = match[0];
          i += key.length;
        }
        skip();
        if (text[i] !== ':') fail();
        i++;
        // `__proto__` is a key like any other in JSON (assigned, it would replace the prototype).
        Object.defineProperty(object, key, { value: value(), enumerable: true, writable: true, configurable: true });
        skip();
        if (text[i] === ',') i++;
        else if (text[i] !== '}') fail();
      }
    }
    if (c === '[') {
      i++;
      const array: unknown[] = [];
      for (;;) {
        skip();
        if (text[i] === ']') {
          i++;
          return array;
        }
        array.push(value());
        skip();
        if (text[i] === ',') i++;
        else if (text[i] !== ']') fail();
      }
    }
    if (c === '"' || c === "'") return string();
    const number = /^[+-]?(?:0x[\da-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|Infinity|NaN)/.exec(text.slice(i));
    if (number) {
      i += number[0].length;
      return Number(number[0]);
    }
    const word = /^(?:true|false|null|undefined)\b/.exec(text.slice(i));
    if (word) {
      i += word[0].length;
      return word[0] === 'true' ? true : word[0] === 'false' ? false : null;
    }
    return fail();
  };
  try {
    const result = value();
    skip();
    return i >= n ? { value: result } : null;
  } catch {
    return null;
  }
}

/** JSON Lines: one JSON value per non-empty line. */
function parseJsonLines(text: string): unknown[] | null {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length < 2) return null;
  try {
    return lines.map((line) => JSON.parse(line) as unknown);
  } catch {
    return null;
  }
}

export function analyzeJsonText(text: string): JsonAnalysis {
  try {
    return { problems: [], meaning: JSON.parse(text) as unknown };
  } catch (error) {
    const jsonLines = parseJsonLines(text);
    if (jsonLines) return { problems: [], meaning: jsonLines };
    const message = (error as Error).message;
    const offset = failureOffset(text, message);
    const at = locate(text, Math.min(offset, text.length));
    const lenient = parseLenientJson(text);
    if (lenient) {
      // Readable as a JavaScript object literal: not JSON, but not broken either.
      const problem: CodeProblem = { ...at, kind: 'not-strict-json', severity: 'warning', found: `${describeAt(text, offset)}, which JSON does not allow`, expected: 'strict JSON (double-quoted keys and strings, no comments, no trailing commas), or a block marked with its real language' };
      return { problems: [problem], meaning: lenient.value };
    }
    const problem: CodeProblem = { ...at, kind: 'syntax', found: describeAt(text, offset), expected: expectedFrom(message, text, offset) };
    return { problems: [problem], meaning: null };
  }
}

export const jsonAdapter: LanguageAdapter & { analyze(text: string, block?: CodeStep): JsonAnalysis } = {
  language: 'json',
  analyze(text: string): JsonAnalysis {
    return analyzeJsonText(text);
  },
};

export default jsonAdapter;
