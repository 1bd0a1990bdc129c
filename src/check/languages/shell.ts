/**
 * Shell: syntax checked by a real shell parser (mvdan/sh compiled to WebAssembly, the `sh-syntax`
 * package), words read by a small lexer of our own (sh-syntax's AST carries no words).
 *
 * Before anything is parsed the block is prepared, keeping every character at its column:
 * - in a block with prompts (`$ `, `% `), the prompts are blanked and lines without one are output,
 *   blanked too (continuation lines after `\` or a here-document stay commands);
 * - `<your-token>` style placeholders, which the shell would read as redirections, are replaced by a
 *   same-length word for the parser, and kept as they are in the words.
 *
 * Blocks marked as shell that are something else are not reported on (their meaning is their text,
 * and `skipped` says why): another program's session (`milvus_cli > …`), a usage synopsis, Python
 * code, output or prose in which no line starts a command. JSON output pasted after a command is
 * blanked like output.
 *
 * Problems: the parser's first syntax error (unbalanced quotes and brackets, unclosed
 * here-documents…), typographic quotes outside ASCII-quoted strings (they parse, as ordinary
 * characters), and `\` followed by spaces at the end of a line that should continue the command.
 *
 * The meaning of a block is its list of commands, each as words with quotes resolved (so
 * `--set a='x'` and `--set a=x` compare equal), redirections and here-document bodies included,
 * comments dropped.
 */
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse as libraryParse } from 'sh-syntax';
import type { CodeStep } from '../../core/model.ts';
import { codeInMessage } from '../../core/code-in-message.ts';
import type { Analysis, CodeProblem, LanguageAdapter } from '../types.ts';
import { parser as pythonParser } from '@lezer/python';
import { KNOWN_COMMANDS, looksLikeCommandLine, TYPOGRAPHIC_QUOTES } from './common.ts';
import { parseLenientJson } from './json.ts';
import { textMeaning } from './text.ts';
import { pointOfOffset as locate, textLineStarts as lineStartsOf } from '../../core/text-lines.ts';
import { TextCache } from './text-cache.ts';

// ---------------------------------------------------------------------------------------------
// Public shapes

export interface ShellRedirect {
  /** The operator as written, with its file descriptor: `>`, `2>`, `<<`, `<<-`, `&>`… */
  op: string;
  /** The word after it with quotes resolved (the delimiter for a here-document). */
  target: string;
  line: number;
  column: number;
  /** For `<<` and `<<-`: the body, and whether its terminator was found. */
  heredoc?: { delimiter: string; body: string; quoted: boolean; closed: boolean };
}

export interface ShellCommand {
  /** The words of the simple command, quotes resolved; reserved words before it (`if`, `do`, `!`…) dropped. */
  words: string[];
  /** 1-based line and column of the first word (or redirection) in the block's text. */
  line: number;
  column: number;
  /** Line of the last word or redirection (a command may continue over `\` lines). */
  endLine: number;
  redirects: ShellRedirect[];
}

export interface ShellAnalysis extends Analysis {
  /** Commands as words (see `meaningOfCommands`); the block's lines when it was skipped; null when it does not parse. */
  meaning: string[][] | string[] | null;
  /** The simple commands of the block (also when it does not parse, as far as the lexer could read). */
  commands: ShellCommand[];
  /** True when the block has prompts (`$ `): lines without one are output and were not parsed. */
  prompted: boolean;
  /**
   * Why the block was not checked as shell although it is marked so: it is Python code, output,
   * a usage synopsis or another program's session. Its meaning is then its text lines.
   */
  skipped: string | null;
}

export { TYPOGRAPHIC_QUOTES };

// ---------------------------------------------------------------------------------------------
// Preparing the text: prompts, output lines, placeholders

/** `$ `, `% `, optionally after `(venv) ` or `user@host:path`. */
const PROMPT = /^([ \t]*(?:\([\w.-]+\)[ \t]+)?(?:[\w.-]+@[\w.-]+(?::[^\s$%#]*)?[ \t]*)?[$%] )/;
/** PS2, the prompt of continuation lines. */
const CONTINUATION_PROMPT = /^([ \t]*> )/;
const HEREDOC_START = /<<(-?)[ \t]*(['"]?)([\w.-]+)\2/g;

export interface PreparedShell {
  /** The text with prompts and output lines blanked (same length, same lines). */
  source: string;
  /** `source` with placeholders replaced, as given to the parser. */
  parseInput: string;
  /** [start, end) offsets of `<placeholder>`s. */
  placeholders: Array<[number, number]>;
  prompted: boolean;
  /** Per line: whether it is command text (false for output lines of a prompted block). */
  commandLines: boolean[];
}

export function prepareShell(text: string): PreparedShell {
  const lines = text.split('\n');
  const prompted = lines.some((line) => PROMPT.test(line));
  const commandLines = lines.map(() => !prompted);
  let out = lines;
  if (prompted) {
    out = [];
    let continued = false;
    let command = '';
    const heredocEnds: Array<{ delimiter: string; strip: boolean }> = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (heredocEnds.length > 0) {
        const body = line.replace(CONTINUATION_PROMPT, (m) => ' '.repeat(m.length));
        out.push(body);
        commandLines[i] = true;
        const end = heredocEnds[0]!;
        if ((end.strip ? body.replace(/^\t+/, '') : body).trim() === end.delimiter) heredocEnds.shift();
        continue;
      }
      const prompt = PROMPT.exec(line);
      let current: string | null = null;
      if (prompt) {
        current = ' '.repeat(prompt[1]!.length) + line.slice(prompt[1]!.length);
        command = current;
      } else if (continued) {
        current = line.replace(CONTINUATION_PROMPT, (m) => ' '.repeat(m.length));
        command += `\n${current}`;
      }
      if (current === null) {
        out.push(line.replace(/[^\s]/g, ' '));
        continued = false;
        continue;
      }
      out.push(current);
      commandLines[i] = true;
      continued = /\\[ \t]*$/.test(current) || /(?:&&|\|\||\|)[ \t]*$/.test(current) || endsInsideQuote(command);
      for (const match of current.matchAll(HEREDOC_START)) heredocEnds.push({ delimiter: match[3]!, strip: match[1] === '-' });
    }
  }
  const source = out.join('\n');
  const placeholders = findPlaceholders(source);
  let parseInput = source;
  if (placeholders.length > 0) {
    const chars = source.split('');
    for (const [start, end] of placeholders) for (let i = start; i < end; i++) chars[i] = '_';
    parseInput = chars.join('');
  }
  return { source, parseInput, placeholders, prompted, commandLines };
}

/** Whether shell text stops inside a quoted string (so the next line continues it). */
export function endsInsideQuote(text: string): boolean {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      continue;
    }
    if (quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') quote = null;
      continue;
    }
    if (c === '\\') i++;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      if (end === -1) break;
      i = end;
    } else if (c === "'" || c === '"') quote = c;
  }
  return quote !== null;
}

/**
 * `<your-token>`, `<YOUR_HOST>`, `<bucket name>`: an angle-bracketed name the reader replaces.
 * It must start with a letter, hold no shell operator and stand as (part of) a word.
 */
const PLACEHOLDER = /(?<![<\w])<(\p{L}[\p{L}\p{N}_.\-/:@]*(?: [\p{L}\p{N}_.\-/:@]+){0,5})>(?![>\w])/gu;

export function findPlaceholders(source: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const match of source.matchAll(PLACEHOLDER)) {
    const start = match.index;
    const before = source[start - 1];
    // `cmd <<EOF` never matches (no `>`); a lone `<` after a word char is a redirection like `x<y`.
    if (before !== undefined && !/[\s=:/"'(,@[{]/.test(before)) continue;
    ranges.push([start, start + match[0].length]);
  }
  return ranges;
}

// ---------------------------------------------------------------------------------------------
// The lexer

type TokenType = 'word' | 'op' | 'redirect' | 'newline';

interface Token {
  type: TokenType;
  value: string;
  start: number;
  end: number;
  /** For words: whether any part of it was quoted. */
  quoted?: boolean;
}

export interface HeredocInfo {
  /** Offset of the `<<` operator. */
  start: number;
  delimiter: string;
  strip: boolean;
  quoted: boolean;
  closed: boolean;
  body: string;
  /** A line that was almost the terminator (indented, or with trailing spaces): its offset. */
  nearMiss: number | null;
}

export interface LexResult {
  tokens: Token[];
  /** Offsets of typographic quotes outside ASCII quotes, comments and here-document bodies. */
  typographic: number[];
  /** Offsets of `\` followed only by spaces up to the end of a line whose next line continues the command. */
  brokenContinuations: number[];
  heredocs: HeredocInfo[];
}

const OPERATORS = ['&>>', '<<<', '<<-', '&&', '||', ';;', '|&', '&>', '>>', '<<', '<>', '>&', '<&', '>|', '|', '&', ';', '(', ')', '<', '>'];
const WORD_BREAK = new Set([' ', '\t', '\r', '\n', '|', '&', ';', '(', ')', '<', '>']);

export function lexShell(source: string, placeholders: Array<[number, number]> = []): LexResult {
  const tokens: Token[] = [];
  const typographic: number[] = [];
  const brokenContinuations: number[] = [];
  const heredocs: HeredocInfo[] = [];
  const placeholderAt = new Map<number, number>(placeholders);
  const pending: HeredocInfo[] = [];
  let expectHeredocWord: HeredocInfo | null = null;
  const n = source.length;
  let i = 0;

  const lineEnd = (from: number): number => {
    const nl = source.indexOf('\n', from);
    return nl === -1 ? n : nl;
  };

  /** Reads to the matching closer, skipping quotes; returns the offset after it (or n). */
  const skipBalanced = (from: number, open: string, close: string): number => {
    let depth = 0;
    let j = from;
    while (j < n) {
      const c = source[j]!;
      if (c === '\\') {
        j += 2;
        continue;
      }
      if (c === "'") {
        const k = source.indexOf("'", j + 1);
        j = k === -1 ? n : k + 1;
        continue;
      }
      if (c === '"') {
        j = skipDoubleQuoted(j + 1).end;
        continue;
      }
      if (c === '`') {
        j = skipBackquoted(j + 1);
        continue;
      }
      if (c === '#' && open === '(' && (j === 0 || /\s/.test(source[j - 1]!))) {
        j = lineEnd(j);
        continue;
      }
      if (c in TYPOGRAPHIC_QUOTES) typographic.push(j);
      if (c === open) depth++;
      else if (c === close) {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return n;
  };

  const skipBackquoted = (from: number): number => {
    let j = from;
    while (j < n) {
      const c = source[j]!;
      if (c === '\\') j += 2;
      else if (c === '`') return j + 1;
      else j++;
    }
    return n;
  };

  /** The offset after a `$(…)`, `${…}` or backquoted expansion starting at `at`, or null when none starts there. */
  const skipExpansion = (at: number): number | null => {
    const c = source[at];
    if (c === '$' && (source[at + 1] === '(' || source[at + 1] === '{')) return skipBalanced(at + 1, source[at + 1]!, source[at + 1] === '(' ? ')' : '}');
    if (c === '`') return skipBackquoted(at + 1);
    return null;
  };

  /** Reads a double-quoted string from after its `"`; returns its value and the offset after the closing `"`. */
  const skipDoubleQuoted = (from: number): { value: string; end: number } => {
    let value = '';
    let j = from;
    while (j < n) {
      const c = source[j]!;
      if (c === '"') return { value, end: j + 1 };
      if (c === '\\') {
        const next = source[j + 1];
        if (next === '\n') j += 2;
        else if (next === '$' || next === '`' || next === '"' || next === '\\') {
          value += next;
          j += 2;
        } else {
          value += c;
          j++;
        }
        continue;
      }
      const expansionEnd = skipExpansion(j);
      if (expansionEnd !== null) {
        // `$(…)`, `${…}` and backquotes stay as written: their value is only known when run.
        value += source.slice(j, expansionEnd);
        j = expansionEnd;
        continue;
      }
      value += c;
      j++;
    }
    return { value, end: n };
  };

  const readWord = (from: number): Token => {
    let value = '';
    let quoted = false;
    let j = from;
    while (j < n) {
      const placeholderEnd = placeholderAt.get(j);
      if (placeholderEnd !== undefined) {
        value += source.slice(j, placeholderEnd);
        j = placeholderEnd;
        continue;
      }
      const c = source[j]!;
      if (WORD_BREAK.has(c)) {
        // Process substitution `<(…)`, `>(…)` belongs to the word.
        if ((c === '<' || c === '>') && source[j + 1] === '(' && j === from) {
          const end = skipBalanced(j + 1, '(', ')');
          value += source.slice(j, end);
          j = end;
          continue;
        }
        break;
      }
      if (c === '\\') {
        const next = source[j + 1];
        if (next === undefined) {
          j++;
          continue;
        }
        if (next === '\n') {
          j += 2;
          continue;
        }
        if (next === ' ' || next === '\t') checkBrokenContinuation(j);
        value += next;
        quoted = true;
        j += 2;
        continue;
      }
      if (c === "'") {
        quoted = true;
        const k = source.indexOf("'", j + 1);
        if (k === -1) {
          value += source.slice(j + 1);
          j = n;
          break;
        }
        value += source.slice(j + 1, k);
        j = k + 1;
        continue;
      }
      if (c === '"') {
        quoted = true;
        const read = skipDoubleQuoted(j + 1);
        value += read.value;
        j = read.end;
        continue;
      }
      if (c === '$' && source[j + 1] === "'") {
        quoted = true;
        const read = readAnsiC(j + 2);
        value += read.value;
        j = read.end;
        continue;
      }
      const expansionEnd = skipExpansion(j);
      if (expansionEnd !== null) {
        // `$(…)`, `${…}` and backquotes stay as written: their value is only known when run.
        value += source.slice(j, expansionEnd);
        j = expansionEnd;
        continue;
      }
      if (c in TYPOGRAPHIC_QUOTES) typographic.push(j);
      value += c;
      j++;
    }
    return { type: 'word', value, start: from, end: j, quoted };
  };

  const readAnsiC = (from: number): { value: string; end: number } => {
    const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v' };
    let value = '';
    let j = from;
    while (j < n) {
      const c = source[j]!;
      if (c === "'") return { value, end: j + 1 };
      if (c === '\\' && j + 1 < n) {
        const next = source[j + 1]!;
        value += escapes[next] ?? `\\${next}`;
        j += 2;
        continue;
      }
      value += c;
      j++;
    }
    return { value, end: n };
  };

  /** `\` then only spaces to the end of the line: the shell escapes a space and ends the command there. */
  const checkBrokenContinuation = (backslash: number): void => {
    const end = lineEnd(backslash);
    if (source.slice(backslash + 1, end).trim() !== '' || end >= n) return;
    const nextEnd = lineEnd(end + 1);
    const next = source.slice(end + 1, nextEnd);
    if (next.trim() === '') return;
    if (/^[ \t]/.test(next) || /^(?:-|\||&&)/.test(next.trimStart())) brokenContinuations.push(backslash);
  };

  /** Reads the bodies of pending here-documents from the start of a line; returns where commands resume. */
  const readHeredocBodies = (from: number): number => {
    let j = from;
    while (pending.length > 0) {
      const doc = pending.shift()!;
      const bodyStart = j;
      doc.closed = false;
      while (j < n) {
        const end = lineEnd(j);
        const line = source.slice(j, end);
        const candidate = doc.strip ? line.replace(/^\t+/, '') : line;
        if (candidate === doc.delimiter) {
          doc.body = source.slice(bodyStart, Math.max(bodyStart, j - 1));
          doc.closed = true;
          j = end;
          break;
        }
        if (doc.nearMiss === null && line.trim() === doc.delimiter) doc.nearMiss = j;
        j = end + 1;
      }
      if (!doc.closed) {
        doc.body = source.slice(bodyStart);
        j = n;
      } else if (pending.length > 0 && j < n) j++; // the next body starts after the terminator's newline
    }
    return j;
  };

  while (i < n) {
    const c = source[i]!;
    if (c === '\n') {
      tokens.push({ type: 'newline', value: '\n', start: i, end: i + 1 });
      i++;
      if (pending.length > 0) i = readHeredocBodies(i);
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && source[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      i = lineEnd(i);
      continue;
    }
    const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
    if (op && !((op === '<' || op === '>') && source[i + 1] === '(') && !placeholderAt.has(i)) {
      const isRedirect = /[<>]/.test(op);
      // `2>`, `2>&1`: a number right before a redirection is its file descriptor.
      const previous = tokens.at(-1);
      let value = op;
      let start = i;
      if (isRedirect && previous?.type === 'word' && previous.end === i && /^\d+$/.test(previous.value) && !previous.quoted) {
        tokens.pop();
        value = previous.value + op;
        start = previous.start;
      }
      tokens.push({ type: isRedirect ? 'redirect' : 'op', value, start, end: i + op.length });
      i += op.length;
      if (op === '<<' || op === '<<-') {
        expectHeredocWord = { start, delimiter: '', strip: op === '<<-', quoted: false, closed: false, body: '', nearMiss: null };
      }
      continue;
    }
    const word = readWord(i);
    tokens.push(word);
    if (expectHeredocWord) {
      expectHeredocWord.delimiter = word.value;
      expectHeredocWord.quoted = word.quoted === true;
      heredocs.push(expectHeredocWord);
      pending.push(expectHeredocWord);
      expectHeredocWord = null;
    }
    i = word.end > i ? word.end : i + 1;
  }
  // Here-documents whose body never started (no newline after the command).
  for (const doc of pending) doc.closed = false;
  return { tokens, typographic, brokenContinuations, heredocs };
}

// ---------------------------------------------------------------------------------------------
// Commands

const LEADING_RESERVED = new Set(['!', 'time', 'then', 'do', 'else', 'elif', 'if', 'while', 'until', '{']);
const CLOSING_RESERVED = new Set(['fi', 'done', 'esac', '}']);



function commandsFromTokens(source: string, lexed: LexResult): ShellCommand[] {
  const starts = lineStartsOf(source);
  const heredocByStart = new Map(lexed.heredocs.map((doc) => [doc.start, doc]));
  const commands: ShellCommand[] = [];
  let words: Array<{ value: string; start: number }> = [];
  let redirects: ShellRedirect[] = [];
  let first: number | null = null;
  let last = 0;
  let pendingRedirect: { op: string; start: number } | null = null;

  const finish = (): void => {
    while (words.length > 0 && LEADING_RESERVED.has(words[0]!.value)) words.shift();
    if (words.length === 1 && CLOSING_RESERVED.has(words[0]!.value) && redirects.length === 0) words = [];
    if (words.length > 0 || redirects.length > 0) {
      const at = locate(starts, words[0]?.start ?? first ?? 0);
      commands.push({ words: words.map((word) => word.value), line: at.line, column: at.column, endLine: locate(starts, last).line, redirects });
    }
    words = [];
    redirects = [];
    first = null;
    pendingRedirect = null;
  };

  for (const token of lexed.tokens) {
    if (token.type === 'word') {
      if (pendingRedirect) {
        const at = locate(starts, pendingRedirect.start);
        const redirect: ShellRedirect = { op: pendingRedirect.op, target: token.value, line: at.line, column: at.column };
        const doc = heredocByStart.get(pendingRedirect.start);
        if (doc) redirect.heredoc = { delimiter: doc.delimiter, body: doc.body, quoted: doc.quoted, closed: doc.closed };
        redirects.push(redirect);
        pendingRedirect = null;
      } else words.push({ value: token.value, start: token.start });
      first ??= token.start;
      last = token.start;
      continue;
    }
    if (token.type === 'redirect') {
      pendingRedirect = { op: token.value, start: token.start };
      first ??= token.start;
      last = token.start;
      continue;
    }
    finish();
  }
  finish();
  return commands;
}

/**
 * The simple commands of a shell block: words with quotes resolved, the line of each command,
 * redirections and here-document bodies. Prompts are understood (output lines are skipped) and
 * `<placeholders>` stay single words. Synchronous, no parser needed: for command simulators.
 */
export function commandsOf(text: string): ShellCommand[] {
  const prepared = prepareShell(text);
  return commandsFromTokens(prepared.source, lexShell(prepared.source, prepared.placeholders));
}

/** The comparable meaning of commands: each command's words, then its redirections (and here-document bodies). */
export function meaningOfCommands(commands: ShellCommand[]): string[][] {
  return commands.map((command) => [
    ...command.words,
    ...command.redirects.flatMap((redirect) => (redirect.heredoc ? [redirect.op, redirect.heredoc.body.replace(/[ \t]+$/gm, '')] : [redirect.op, redirect.target])),
  ]);
}

// ---------------------------------------------------------------------------------------------
// The parser (sh-syntax)

interface ShellParseError {
  message: string;
  line: number;
  /** 1-based column in characters (sh-syntax counts bytes). */
  column: number;
  /** The parser itself failed (its WebAssembly runs out of memory on blocks of some 150 kB): the text was not checked. */
  unreadable?: true;
}

interface WasmExports {
  memory: WebAssembly.Memory;
  wasmAlloc(size: number): number;
  wasmFree(pointer: number): void;
  process(...args: Array<number | boolean>): number;
}

interface GoRuntime {
  importObject: WebAssembly.Imports;
  run(instance: WebAssembly.Instance): Promise<unknown>;
}

/**
 * sh-syntax's `parse` instantiates its WebAssembly module on every call (2–6 ms each); a guide run
 * parses hundreds of blocks. We compile the module once and reuse an instance for a bounded amount
 * of work: its Go runtime cannot collect garbage once `main` has returned, so each instance is
 * retired long before its heap fills up, and any failure falls back to sh-syntax's own `parse`.
 */
class ShellParser {
  private static readonly INPUT_BUDGET = 16 * 1024;
  private static readonly OUTPUT_BUDGET = 256 * 1024;
  private module: Promise<WebAssembly.Module | null> | null = null;
  private current: { exports: WasmExports; input: number; output: number } | null = null;
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();

  private compile(): Promise<WebAssembly.Module | null> {
    this.module ??= (async () => {
      try {
        const require = createRequire(import.meta.url);
        const bytes = readFileSync(require.resolve('sh-syntax/main.wasm'));
        const module = await WebAssembly.compile(bytes);
        const exported = new Set(WebAssembly.Module.exports(module).map((entry) => entry.name));
        if (!['memory', 'wasmAlloc', 'wasmFree', 'process'].every((name) => exported.has(name))) return null;
        return module;
      } catch {
        return null;
      }
    })();
    return this.module;
  }

  private async instance(size: number): Promise<{ exports: WasmExports; input: number; output: number } | null> {
    const module = await this.compile();
    const Go = (globalThis as { Go?: new () => GoRuntime }).Go;
    if (!module || !Go) return null;
    const current = this.current;
    if (current && current.input + size <= ShellParser.INPUT_BUDGET && current.output <= ShellParser.OUTPUT_BUDGET) return current;
    const go = new Go();
    const instance = await WebAssembly.instantiate(module, go.importObject);
    void go.run(instance);
    this.current = { exports: instance.exports as unknown as WasmExports, input: 0, output: 0 };
    return this.current;
  }

  /**
   * The text is encoded straight into the module's memory: a new byte array per call (tens of
   * thousands of blocks on a large guide) is external memory V8 must account and collect (about
   * half a second of 7.5 s on a guide of 8,000 sections in five locales).
   */
  private call(state: { exports: WasmExports; input: number; output: number }, text: string, bytes: number): string {
    const { memory, wasmAlloc, wasmFree, process } = state.exports;
    const path = wasmAlloc(0);
    const textPointer = wasmAlloc(bytes);
    this.encoder.encodeInto(text, new Uint8Array(memory.buffer, textPointer, bytes));
    const stopAt = wasmAlloc(0);
    // The argument list of sh-syntax 0.7's processor: parse (print = false), no comments, bash.
    const result = process(path, 0, 0, textPointer, bytes, bytes, false, false, 1, stopAt, 0, 0, 0, false, 2, true, true, true, false, false, false, false);
    wasmFree(path);
    wasmFree(textPointer);
    wasmFree(stopAt);
    const view = new Uint8Array(memory.buffer).subarray(result);
    const end = view.indexOf(0);
    const json = this.decoder.decode(view.subarray(0, end));
    state.input += bytes;
    state.output += json.length;
    return json;
  }

  /** Returns the first syntax error, or null when the text parses. */
  async check(text: string): Promise<ShellParseError | null> {
    const bytes = Buffer.byteLength(text, 'utf8');
    for (let attempt = 0; attempt < 2; attempt++) {
      const state = await this.instance(bytes);
      if (!state) break;
      try {
        const json = this.call(state, text, bytes);
        if (!json.startsWith('{"') || !json.endsWith('}')) throw new Error('unexpected sh-syntax output');
        const result = JSON.parse(json) as { parseError?: { Text: string; Pos?: { Line: number; Col: number } } | null; message?: string };
        if (result.parseError) return toError(text, result.parseError.Text, result.parseError.Pos);
        if (result.message) return { message: result.message, line: 1, column: 1 };
        return null;
      } catch {
        this.current = null;
      }
    }
    try {
      await libraryParse(text, { keepComments: false });
      return null;
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError) return { message: `a block of ${Math.round(bytes / 1024)} kB, on which the shell parser failed (${error.message})`, line: 1, column: 1, unreadable: true };
      const parseError = error as { Text?: string; Pos?: { Line: number; Col: number }; message?: string };
      return toError(text, parseError.Text ?? parseError.message ?? String(error), parseError.Pos);
    }
  }
}

function toError(text: string, message: string, pos: { Line: number; Col: number } | undefined): ShellParseError {
  if (!pos || pos.Line < 1) return { message, line: 1, column: 1 };
  const lineText = text.split('\n')[pos.Line - 1] ?? '';
  return { message, line: pos.Line, column: charColumn(lineText, pos.Col) };
}

/** Converts a 1-based UTF-8 byte column into a 1-based UTF-16 column. */
export function charColumn(lineText: string, byteColumn: number): number {
  let bytes = 0;
  let index = 0;
  while (index < lineText.length && bytes < byteColumn - 1) {
    const code = lineText.codePointAt(index)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    index += code >= 0x10000 ? 2 : 1;
  }
  return index + 1;
}

const parser = new ShellParser();
/** The runner parses again what the guard parsed (see text-cache.ts). */
const parsed = new TextCache<Readonly<ShellParseError> | null>(2_000);

/** Parses shell text with mvdan/sh (bash dialect); the first syntax error, or null. */
export function parseShell(text: string): Promise<Readonly<ShellParseError> | null> {
  if (onlyPlainCommands(text)) return Promise.resolve(null);
  return parsed.get(text, () => parser.check(text));
}

/** Characters that are literal in every shell context: no quote, expansion, operator, glob or comment. */
const PLAIN_TEXT = /^[A-Za-z0-9 \t\n_./:=,@+%^-]*$/;
/**
 * Words that the parser reads specially in command position: reserved words, and the builtins
 * whose arguments it parses (assignments of `declare`, arithmetic of `let`).
 */
const SPECIAL_COMMAND_WORDS = new Set(['case', 'coproc', 'do', 'done', 'elif', 'else', 'esac', 'fi', 'for', 'function', 'if', 'in', 'select', 'then', 'time', 'until', 'while', 'declare', 'export', 'local', 'readonly', 'typeset', 'nameref', 'let']);

/**
 * Lines of plain words only (`kubectl get pods -n default`): such text has no syntax to get
 * wrong, so it is not sent to the parser, whose WebAssembly costs tens of microseconds and
 * kilobytes it never gives back per block (a guide of tens of thousands of such blocks spent
 * seconds there). The parser still reads any text with a quote, an expansion, an operator, a
 * comment or a special word first on a line; a test compares the two on every such block of the
 * corpus and on generated ones.
 */
export function onlyPlainCommands(text: string): boolean {
  if (!PLAIN_TEXT.test(text)) return false;
  for (const line of text.split('\n')) {
    const first = /^[ \t]*([^ \t]*)/.exec(line)![1]!;
    if (SPECIAL_COMMAND_WORDS.has(first)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Problems

function describeParseError(error: ShellParseError, lineText: string): CodeProblem {
  const { message, line, column } = error;
  const at = lineText.slice(column - 1);
  let match: RegExpExecArray | null;
  // The parser quotes a backtick as "`", anything else in backticks.
  if ((match = /without closing quote (?:`(.+?)`|"(`)")/.exec(message))) {
    const quote = codeInMessage(match[1] ?? match[2]!);
    return { line, column, kind: 'unbalanced-quote', found: `${quote} opening a string that never closes`, expected: `a closing ${quote} before the end of the command` };
  }
  if ((match = /unclosed here-document `(.*?)`/.exec(message))) {
    const delimiter = match[1]!;
    return { line, column, kind: 'unterminated-heredoc', found: `here-document ${codeInMessage(`<<${delimiter}`)} that is never closed`, expected: `${delimiter === '' ? 'an empty line' : `a line with only ${codeInMessage(delimiter)}`} to end it` };
  }
  if ((match = /reached (EOF|.+?) without matching `(.+?)` with `(.+?)`/.exec(message))) {
    return { line, column, kind: 'unbalanced-bracket', found: `${codeInMessage(match[2]!)} that is never closed`, expected: `a matching ${codeInMessage(match[3]!)}` };
  }
  if ((match = /^`(.+?)` must be followed by (.+)$/.exec(message))) {
    return { line, column, kind: 'syntax', found: `${codeInMessage(match[1]!)} with nothing usable after it`, expected: match[2]! };
  }
  if ((match = /^(.+?) must be followed by (.+)$/.exec(message))) {
    return { line, column, kind: 'syntax', found: `${match[1]} with nothing usable after it`, expected: match[2]! };
  }
  if ((match = /^(.+?) can only (?:contain|be) (.+?); encountered (.+)$/.exec(message))) {
    return { line, column, kind: 'syntax', found: `${match[3]} in ${match[1]}`, expected: match[2]! };
  }
  const token = /^\S+/.exec(at)?.[0];
  return { line, column, kind: 'syntax', found: token ? `${codeInMessage(token)} (${message})` : message, expected: 'valid shell syntax' };
}

// ---------------------------------------------------------------------------------------------
// Blocks marked as shell that are not commands

/** `Milvus(by-dev) > show session`, `milvus_cli > connect`: the prompt of another program. */
const FOREIGN_PROMPT = /^[ \t]*([A-Za-z][\w.-]*)(\([^)\n]*\))? ?>(?: |$)/;
const PYTHON_MARKER = /^[ \t]*(?:from\s+[\w.]+\s+import\s|import\s+[\w.]+\s*$|import\s+[\w.]+\s+as\s|def\s+\w+\s*\(|class\s+\w+\s*[(:]|print\(|[\w.]+\s*=\s*[\w.]+\()/m;
/** `connect [-uri (text)] [-t (text)]`: a usage line, not a command to run. */
const SYNOPSIS = /\[\s*-{1,2}[\w-]+(?:\s+[(<][\w -]+[)>])?\s*\]|\s-{1,2}[\w-]+\s+\((?:text|int|float|str|string|number)\)/;

function foreignSession(source: string): string | null {
  const first = source.split('\n').find((line) => line.trim() !== '');
  const match = first ? FOREIGN_PROMPT.exec(first) : null;
  if (!match || KNOWN_COMMANDS.has(match[1]!)) return null;
  return `a session of another program (\`${match[1]}${match[2] ?? ''} >\` prompts)`;
}

function isPythonCode(source: string): boolean {
  if (!PYTHON_MARKER.test(source)) return false;
  let clean = true;
  pythonParser.parse(source).iterate({
    enter(node) {
      if (node.type.isError) clean = false;
      return clean;
    },
  });
  return clean;
}

/** When a block fails to parse as shell, whether it is something else that was marked as shell. */
function notShellReason(prepared: PreparedShell, error: ShellParseError): string | null {
  if (isPythonCode(prepared.source)) return 'Python code';
  const errorLine = prepared.source.split('\n')[error.line - 1] ?? '';
  if (SYNOPSIS.test(errorLine)) return 'a usage synopsis';
  const lines = prepared.source.split('\n').filter((line, index) => prepared.commandLines[index] !== false && line.trim() !== '');
  if (!lines.some(looksLikeCommandLine)) return 'output or prose (no line starts a known command)';
  return null;
}

/**
 * Output pasted after a command (`# An example output is as follows` then a JSON document): lines
 * from one starting with `{` or `[` at column 1 to the line that completes a JSON value (read
 * leniently, elisions like `[...]` allowed) are blanked.
 */
function withoutJsonOutput(prepared: PreparedShell): PreparedShell | null {
  const lines = prepared.source.split('\n');
  const blank = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    if (!/^[{[]/.test(lines[i]!)) continue;
    for (let j = i; j < lines.length; j++) {
      if (!/[}\]],?[ \t]*$/.test(lines[j]!)) continue;
      const region = lines
        .slice(i, j + 1)
        .filter((line) => !/^[ \t]*(?:\[\.\.\.\]|\.{3,}|…)[ \t]*,?[ \t]*$/.test(line))
        .join('\n')
        .replace(/,[ \t]*$/, '');
      if (!parseLenientJson(region)) continue;
      for (let k = i; k <= j; k++) blank.add(k);
      i = j;
      break;
    }
  }
  if (blank.size === 0) return null;
  const blankLines = (text: string): string =>
    text
      .split('\n')
      .map((line, index) => (blank.has(index) ? line.replace(/[^\s]/g, ' ') : line))
      .join('\n');
  const source = blankLines(prepared.source);
  return {
    source,
    parseInput: blankLines(prepared.parseInput),
    placeholders: findPlaceholders(source),
    prompted: prepared.prompted,
    commandLines: prepared.commandLines.map((command, index) => command && !blank.has(index)),
  };
}

// ---------------------------------------------------------------------------------------------
// The analysis

async function analyzeShellText(text: string): Promise<ShellAnalysis> {
  let prepared = prepareShell(text);
  const skip = (reason: string): ShellAnalysis => ({ problems: [], meaning: textMeaning(text), commands: [], prompted: prepared.prompted, skipped: reason });

  const foreign = foreignSession(prepared.source);
  if (foreign) return skip(foreign);

  let error = prepared.parseInput.trim() === '' ? null : await parseShell(prepared.parseInput);
  if (error) {
    const retry = withoutJsonOutput(prepared);
    if (retry && !(await parseShell(retry.parseInput))) {
      prepared = retry;
      error = null;
    }
  }
  if (error?.unreadable) {
    // Not a finding about the page: the block could not be checked, and says so.
    return { ...skip(`${error.message}: not checked`), problems: [{ line: 1, column: 1, kind: 'syntax', severity: 'info', found: error.message, expected: 'a block the shell parser can read (this one was not checked)' }] };
  }
  if (error) {
    const reason = notShellReason(prepared, error);
    if (reason) return skip(reason);
  }

  const lexed = lexShell(prepared.source, prepared.placeholders);
  // Output or prose marked as shell may parse (`Error: release “x” not found` is a command `Error:`);
  // before reporting its quotes, make sure some line is a command at all.
  if (!error && (lexed.typographic.length > 0 || lexed.brokenContinuations.length > 0)) {
    const lines = prepared.source.split('\n').filter((line, index) => prepared.commandLines[index] !== false && line.trim() !== '');
    if (!lines.some(looksLikeCommandLine)) return skip('output or prose (no line starts a known command)');
  }
  const commands = commandsFromTokens(prepared.source, lexed);
  const starts = lineStartsOf(prepared.source);
  const sourceLines = prepared.source.split('\n');
  const problems: CodeProblem[] = [];

  if (error) {
    const problem = describeParseError(error, sourceLines[error.line - 1] ?? '');
    if (problem.kind === 'unterminated-heredoc') {
      const doc = lexed.heredocs.find((candidate) => !candidate.closed);
      if (doc?.nearMiss != null) {
        const near = locate(starts, doc.nearMiss);
        const nearText = sourceLines[near.line - 1] ?? '';
        const flaws = [/^\s/.test(nearText) ? 'indentation' : null, /\s$/.test(nearText) ? 'trailing spaces' : null].filter(Boolean).join(' and ');
        problem.found += `; line ${near.line} (\`${nearText.replace(/\t/g, '\\t')}\`) has ${flaws}`;
        problem.expected = `\`${doc.delimiter}\` alone at the start of a line${doc.strip ? ' (only tabs may precede it with `<<-`)' : ''}`;
      }
    }
    problems.push(problem);
  }

  // The quotes of each line, gathered in one pass (filtering all of them again for every line
  // made a block of thousands of such lines quadratic).
  const typographicByLine = new Map<number, { at: { line: number; column: number }; quotes: string[] }>();
  for (const offset of lexed.typographic) {
    const at = locate(starts, offset);
    const entry = typographicByLine.get(at.line);
    if (entry) entry.quotes.push(prepared.source[offset]!);
    else typographicByLine.set(at.line, { at, quotes: [prepared.source[offset]!] });
  }
  for (const { at, quotes: onLine } of typographicByLine.values()) {
    const quotes = [...new Set(onLine)];
    const ascii = [...new Set(quotes.map((quote) => TYPOGRAPHIC_QUOTES[quote]!))];
    problems.push({
      line: at.line,
      column: at.column,
      kind: 'typographic-quote',
      found: `typographic quote${quotes.length > 1 ? 's' : ''} ${quotes.map((quote) => `\`${quote}\``).join(' ')}, which the shell keeps as ordinary characters`,
      expected: `ASCII ${ascii.map((quote) => `\`${quote}\``).join(' or ')}`,
    });
  }

  for (const offset of lexed.brokenContinuations) {
    const at = locate(starts, offset);
    const trailing = (sourceLines[at.line - 1] ?? '').slice(at.column).length;
    problems.push({
      line: at.line,
      column: at.column,
      kind: 'broken-continuation',
      found: `\`\\\` followed by ${trailing} trailing space${trailing === 1 ? '' : 's'}, which ends the command at this line`,
      expected: `\`\\\` as the last character of the line, so that line ${at.line + 1} continues the command`,
    });
  }

  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { problems, meaning: error ? null : meaningOfCommands(commands), commands, prompted: prepared.prompted, skipped: null };
}

export const shellAdapter: LanguageAdapter & { analyze(text: string, block?: CodeStep): Promise<ShellAnalysis> } = {
  language: 'shell',
  analyze(text: string): Promise<ShellAnalysis> {
    return analyzeShellText(text);
  },
};

export default shellAdapter;
